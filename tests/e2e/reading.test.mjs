// Reading, checked against two authorities in real Chromium and Firefox:
//  - the live DOM is the snapshot parser's oracle: every element of a numbered, serialized page
//    must have in the engine's tree the parent it has in the browser's, for every fixture page
//    and for trees only script can build (a div in a p, an a in an a, 3,000 levels deep, …);
//  - the fixtures' ground truth (data-fixture-*, tests/fixtures/README.md): every card must read
//    as the page says, be painted once with its expected id, and the page must count right.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BROWSERS, launchBrowser } from './browsers.mjs';
import { FIXTURES, INVITATIONS_URL, fixtureTruth, oracle, truthMismatches, waitForStatus } from './harness.mjs';

// `preload-*.html` are documents for a frame (the connect dialog's /preload/ iframe), empty
// until their parent page asks: not pages of their own.
const PAGES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.html') && !f.startsWith('preload-'))
  .sort();

// Pages whose list has a template card: they can be made long (`?fixture-cards=n`).
const LONG = PAGES.filter((f) => readFileSync(path.join(FIXTURES, f), 'utf8').includes('data-fixture-template'));
/** Cards added as the page loads: well past the first part (about 600 elements) on every page. */
const MORE = 100;
const longUrl = (n) => `${INVITATIONS_URL}?fixture-cards=${n}`;

for (const kind of BROWSERS) {
  describe(kind, () => {
    let browser;
    before(async () => {
      browser = await launchBrowser(kind);
    });
    after(() => browser?.close());

    /** Opens a fixture at the invitations URL and waits until the extension has set its status. */
    const open = (fixture) => browser.openInvitations(fixture);

    function describeMismatches(label, { elements, count, mismatches }) {
      const lines = mismatches.map(
        (m) => `  element ${m.index} <${m.tag}> in <${m.parentTag}>: live parent ${m.live}, engine's ${m.engine}`,
      );
      return `${label}: ${count} of ${elements} elements have another parent in the engine's tree\n${lines.join('\n')}`;
    }

    describe('the live DOM is the parser’s oracle', () => {
      for (const fixture of PAGES) {
        test(`${fixture}: every element has its live parent`, async () => {
          const page = await open(fixture);
          try {
            const result = await oracle(browser, page);
            assert.ok(result.elements > 0, `${fixture}: the page has elements`);
            assert.equal(result.count, 0, describeMismatches(fixture, result));
          } finally {
            await page.close();
          }
        });
      }

      /**
       * Trees the HTML parser never builds from markup, built here with DOM calls. Each builder runs
       * in the page and returns the root it made; the test appends it to <main>.
       */
      const BUILT = {
        'a div inside a p': () => {
          const p = document.createElement('p');
          const div = document.createElement('div');
          div.append('block in a paragraph', document.createElement('span'));
          p.append('before ', div, ' after');
          return p;
        },
        'a p inside a p': () => {
          const p = document.createElement('p');
          p.append(document.createElement('p'), 'tail');
          return p;
        },
        'an li inside an li': () => {
          const ul = document.createElement('ul');
          const li = document.createElement('li');
          const inner = document.createElement('li');
          inner.append('inner', document.createElement('b'));
          li.append('outer', inner);
          ul.append(li, document.createElement('li'));
          return ul;
        },
        'an a inside an a': () => {
          const a = document.createElement('a');
          a.href = '/in/outer/';
          const inner = document.createElement('a');
          inner.href = '/in/inner/';
          inner.append(document.createElement('strong'));
          a.append('outer ', inner, ' rest');
          return a;
        },
        'a div inside a table': () => {
          const table = document.createElement('table');
          const div = document.createElement('div');
          div.append(document.createElement('span'));
          table.append(div);
          return table;
        },
        'a row straight inside a table': () => {
          const table = document.createElement('table');
          const tr = document.createElement('tr');
          tr.append(document.createElement('td'));
          table.append(tr);
          return table;
        },
        'a button inside a button': () => {
          const button = document.createElement('button');
          const inner = document.createElement('button');
          inner.append(document.createElement('span'));
          button.append('Accept ', inner);
          return button;
        },
        'a heading inside a heading': () => {
          const h2 = document.createElement('h2');
          const h3 = document.createElement('h3');
          h3.append(document.createElement('em'));
          h2.append('title ', h3);
          return h2;
        },
        'a 3,000-deep nest': () => {
          const top = document.createElement('div');
          // Hidden: Chromium's renderer itself crashes laying out a few hundred nested boxes.
          top.hidden = true;
          let at = top;
          for (let i = 1; i < 3000; i++) {
            const next = document.createElement(i % 2 ? 'span' : 'div');
            at.append(next);
            at = next;
          }
          at.append('the bottom');
          const sibling = document.createElement('p'); // after the nest: its parent must be the section
          const wrap = document.createElement('section');
          wrap.append(top, sibling);
          return wrap;
        },
        'text with < and &': () => {
          const div = document.createElement('div');
          const p = document.createElement('p');
          p.textContent = 'a < b && c <div> </p></div> &amp; &lt;li&gt; <!-- x -->';
          p.title = '"><p>< & ' + "'";
          const b = document.createElement('b');
          b.textContent = '<b>';
          div.append(p, b, document.createElement('i'));
          return div;
        },
        'a noscript parsed from markup': () => {
          // Parsed with scripting on, its content is one text node, serialized as it is.
          const div = document.createElement('div');
          div.append(document.createRange().createContextualFragment('<noscript><p>no <b>script</b></p></noscript><i></i>'));
          return div;
        },
        // Not here: a noscript given element children by script. With scripting on, its serialized
        // children read back as the noscript's raw text, as a parser must read them; the content
        // script drops noscript from its snapshots, so the engine never sees one.
        'an svg with children': () => {
          const NS = 'http://www.w3.org/2000/svg';
          const svg = document.createElementNS(NS, 'svg');
          const g = document.createElementNS(NS, 'g');
          g.append(document.createElementNS(NS, 'circle'), document.createElementNS(NS, 'rect'));
          const title = document.createElementNS(NS, 'title');
          title.textContent = 'a < b';
          const foreign = document.createElementNS(NS, 'foreignObject');
          const div = document.createElement('div');
          div.append(document.createElement('p'));
          foreign.append(div);
          svg.append(title, g, foreign);
          const after = document.createElement('p');
          const wrap = document.createElement('div');
          wrap.append(svg, after);
          return wrap;
        },
      };

      describe('pages built by script', () => {
        /** era-c2.html with `builders`' trees appended to <main>, each case on a page of its own. */
        async function withBuilt(label, builders) {
          const page = await open('era-c2.html');
          try {
            await page.evaluate(`(() => {
              const box = document.createElement('div');
              for (const build of [${builders.join(',')}]) box.append(build());
              document.querySelector('main').append(box);
            })()`);
            const result = await oracle(browser, page);
            assert.equal(result.count, 0, describeMismatches(`era-c2.html with ${label}`, result));
          } finally {
            await page.close();
          }
        }

        for (const [name, build] of Object.entries(BUILT)) {
          test(`${name}: every element has its live parent`, () => withBuilt(name, [build]));
        }
        test('all of them at once: every element has its live parent', () => withBuilt('every built tree', Object.values(BUILT)));
      });
    });

    describe('every fixture card reads as its truth', () => {
      for (const fixture of PAGES) {
        test(`${fixture}: the engine reads what the page says`, async () => {
          browser.serve({ [new URL(INVITATIONS_URL).pathname]: fixture });
          const page = await browser.open(INVITATIONS_URL);
          try {
            const { status } = await fixtureTruth(page);
            // The expected status; if it never comes, the mismatches below say what came instead.
            await waitForStatus(page, status).catch(() => waitForStatus(page));
            const mismatches = await truthMismatches(browser, page, fixture);
            assert.deepEqual(mismatches, [], `${fixture}: ${mismatches.length} mismatches with the truth:\n${mismatches.join('\n')}`);
          } finally {
            await page.close();
          }
        });
      }

      for (const fixture of PAGES) {
        test(`${fixture}: cards added by "Show more" carry their own truth`, async () => {
          const page = await open(fixture);
          try {
            const before = await page.evaluate(() => document.querySelectorAll('[data-fixture-card]').length);
            const added = await page.evaluate(() => window.__fixture.appendCards(6));
            if (!added) return; // no template: nothing to add (asserted by the page tests)
            const { status, cards } = await fixtureTruth(page);
            const readable = cards.filter((c) => c.id).length;
            await page
              .waitForFunction(
                ([s, n]) => document.documentElement.dataset.triageStatus === s && document.documentElement.dataset.triageCount === String(n),
                [status, readable],
              )
              .catch(() => {}); // if it never comes, the mismatches say what came instead
            // The page's own cards are the test above; here, the new ones and the page's counts.
            const mismatches = await truthMismatches(browser, page, `${fixture} after appendCards(6)`, { from: before });
            assert.deepEqual(mismatches, [], `${mismatches.length} mismatches with the truth:\n${mismatches.join('\n')}`);
          } finally {
            await page.close();
          }
        });
      }
    });

    describe('a long page is read in parts: the top first, then every card as its truth says', () => {
      /** Waits for the whole read: the truth's status and count on <html>. */
      const whole = (page, status, readable) =>
        page
          .waitForFunction(
            ([s, n]) => document.documentElement.dataset.triageStatus === s && document.documentElement.dataset.triageCount === String(n),
            [status, readable],
            { timeout: 30_000 },
          )
          .catch(() => {}); // if it never comes, the mismatches say what came instead

      for (const fixture of LONG) {
        test(`${fixture} with ${MORE} more cards from the start`, async () => {
          const page = await browser.openInvitations(fixture, { url: longUrl(MORE) });
          try {
            const { status, cards } = await fixtureTruth(page);
            const readable = cards.filter((c) => c.id).length;
            await whole(page, status, readable);
            const mismatches = await truthMismatches(browser, page, `${fixture} with ${MORE} more`);
            assert.deepEqual(mismatches, [], `${mismatches.length} mismatches with the truth:\n${mismatches.join('\n')}`);
            const statuses = await page.evaluate(() => window.__fixture.statuses);
            const reading = statuses.find((s) => s.status === 'reading');
            assert.ok(reading, `read in parts: ${JSON.stringify(statuses)}`);
            assert.ok(reading.painted < reading.cards, `the rest read after the first part: ${JSON.stringify(reading)}`);
            if (readable) assert.ok(reading.painted > 0, `the top painted first: ${JSON.stringify(reading)}`);
            assert.equal(statuses.at(-1).status, status, 'the whole read ends it');
          } finally {
            await page.close();
          }
        });
      }

      test('era-c2.html changing the moment its first part is painted ends as the truth says', async () => {
        const page = await browser.openInvitations('era-c2.html', { url: `${longUrl(150)}&fixture-churn` });
        try {
          await page.waitForFunction(() => window.__fixture.statuses.some((s) => s.status === 'reading'), null, { timeout: 20_000 });
          const { status, cards } = await fixtureTruth(page);
          await whole(page, status, cards.filter((c) => c.id).length);
          const mismatches = await truthMismatches(browser, page, 'era-c2.html changed while read in parts');
          assert.deepEqual(mismatches, [], `${mismatches.length} mismatches with the truth:\n${mismatches.join('\n')}`);
        } finally {
          await page.close();
        }
      });
    });
  });
}
