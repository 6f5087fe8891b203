// On the page: reading every markup era, painting the page contract, following LinkedIn as it
// changes, and each action button doing what it says. Real Chromium and Firefox (browsers.mjs),
// fixtures at the real URL under LinkedIn's current kind of CSP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BROWSERS, launchBrowser } from './browsers.mjs';
import { INVITATIONS_URL, readTriage, saveSettingsFrom, waitForStatus } from './harness.mjs';

/** Cards the fixture shows (LinkedIn's own Accept controls inside list items). */
const fixtureCardCount = (page) =>
  page.evaluate(() => document.querySelectorAll('[data-fixture-card]').length);

/** The bucket words the badge shows (the plan names them by message key: bucketAccept, …). */
const BUCKET_WORDS = { accept: 'Accept', review: 'Review', ignore: 'Ignore' };

function assertPainted(rows) {
  for (const row of rows) {
    assert.equal(row.hosts, 1, `${row.id}: exactly one badge host`);
    assert.match(row.bucket, /^(accept|review|ignore)$/);
    assert.ok(Number.isInteger(row.score) && row.score >= 0 && row.score <= 100, `${row.id}: score`);
    const word = BUCKET_WORDS[row.bucket];
    assert.equal(row.badge, `${word}${row.score}`, `${row.id}: the badge shows the bucket's word and the score`);
    assert.ok(row.label.startsWith(`Invite Triage: ${word}, score ${row.score}. `), `${row.id}: ${row.label}`);
    assert.ok(row.reasons.length > 0, `${row.id}: reasons listed`);
    for (const reason of row.reasons) assert.match(reason, /^([+-]\d+|0) \S/, `${row.id}: signed points first`);
    assert.deepEqual(
      [...row.actions].sort(),
      ['accept', 'accept-thank', 'decline', 'later', 'note', 'reply'],
      `${row.id}: the six responses`,
    );
  }
}

for (const kind of BROWSERS) {
  describe(kind, () => {
    let browser;
    before(async () => {
      browser = await launchBrowser(kind);
    });
    after(() => browser?.close());

    describe('reading every markup era', () => {
      for (const fixture of ['era-a.html', 'era-b.html', 'era-c1.html', 'era-c2.html', 'non-person.html']) {
        test(fixture, async () => {
          const page = await browser.openInvitations(fixture, { status: 'ready' });
          const rows = await readTriage(page);
          const expected = await fixtureCardCount(page);
          assert.equal(rows.length, expected, 'every invitation card is read');
          assert.equal(Number(await page.evaluate(() => document.documentElement.dataset.triageCount)), expected);
          assertPainted(rows);
          assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'ids are unique');
          await page.close();
        });
      }
    });

    test('nothing outside the invitations is marked', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const stray = await page.evaluate(
        () =>
          [...document.querySelectorAll('[data-triage-id]')].filter((el) => !el.closest('[data-fixture-card]') && !el.hasAttribute('data-fixture-card'))
            .length,
      );
      assert.equal(stray, 0, 'People you may know, the nav and ads are left alone');
      await page.close();
    });

    test('a card whose Accept is a link is read', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const linkCard = await page.evaluate(() => {
        const link = [...document.querySelectorAll('[data-fixture-card] a[aria-label^="Accept"]')][0];
        return link?.closest('[data-fixture-card]')?.dataset.triageId ?? null;
      });
      assert.ok(linkCard, 'the follows-you card is painted');
      await page.close();
    });

    test('non-person invitations are told apart', async () => {
      const page = await browser.openInvitations('non-person.html', { status: 'ready' });
      const reasons = (await readTriage(page)).flatMap((r) => r.reasons).join('\n').toLowerCase();
      for (const kind of ['group', 'event', 'page', 'newsletter']) {
        assert.match(reasons, new RegExp(kind), `a reason names the ${kind} invitation`);
      }
      await page.close();
    });

    test('a layout we cannot read is reported, not skipped', async () => {
      const page = await browser.openInvitations('unknown-layout.html');
      assert.equal(await waitForStatus(page), 'unrecognized');
      await page.close();
    });

    test('lazy-loaded cards are painted ("Show more")', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const before = (await readTriage(page)).length;
      await page.click('button[data-fixture-show-more]'); // "Show more"
      await page.waitForFunction((n) => Number(document.documentElement.dataset.triageCount) > n, before);
      const rows = await readTriage(page);
      assert.equal(rows.length, await fixtureCardCount(page));
      assertPainted(rows);
      await page.close();
    });

    /** The size of the last snapshot sent to the engine (the content script's User Timing). */
    const lastSnapshotBytes = (page) =>
      page.evaluate(() => performance.getEntriesByName('invite-triage:snapshot').at(-1)?.detail.bytes);

    for (const fixture of ['era-c2.html', 'era-a.html']) {
      test(`after "Show more" only the new cards are sent again (${fixture})`, async () => {
        const page = await browser.openInvitations(fixture, { status: 'ready' });
        const full = await lastSnapshotBytes(page);
        const painted = (await readTriage(page)).length;
        await page.evaluate(() => window.__fixture.appendCards(3));
        await page.waitForFunction((n) => Number(document.documentElement.dataset.triageCount) === n, painted + 3);
        const partial = await lastSnapshotBytes(page);
        assert.ok(partial < full, `the second snapshot (${partial} bytes) is smaller than the first (${full})`);
        // Era A has LinkedIn's "Accept all" above the list: the cards sent as stubs still tell it apart.
        assert.equal(await waitForStatus(page), 'ready');
        const rows = await readTriage(page);
        assert.equal(rows.length, await fixtureCardCount(page));
        assertPainted(rows);
        await page.close();
      });
    }

    test('a badge LinkedIn takes off a card comes back', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      await page.evaluate(() => document.querySelectorAll('[data-fixture-card]')[2].querySelector(':scope > [data-triage-ui]').remove());
      await page.waitForFunction(() => document.querySelectorAll('[data-fixture-card]')[2].querySelector(':scope > [data-triage-ui]'), undefined, {
        timeout: 5000,
      });
      const rows = await readTriage(page);
      assertPainted(rows);
      assert.equal(rows.length, await fixtureCardCount(page));
      await page.close();
    });

    test('when LinkedIn turns dark, every badge follows, also on cards not read again', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const themes = () => page.evaluate(() => [...document.querySelectorAll('[data-triage-ui]')].map((h) => h.dataset.theme));
      assert.ok((await themes()).every((t) => t === 'light'));
      await page.evaluate(() => {
        const dark = new CSSStyleSheet();
        dark.replaceSync('body { background: #1b1f23 !important; }');
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, dark];
      });
      await page.evaluate(() => window.__fixture.appendCards(1)); // the next pass
      await page.waitForFunction(() => [...document.querySelectorAll('[data-triage-ui]')].every((h) => h.dataset.theme === 'dark'));
      assert.equal((await themes()).length, await fixtureCardCount(page));
      await page.close();
    });

    test('a known card whose text changes is read again', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const before = Number(await page.evaluate(() => document.querySelector('[data-fixture-card]').dataset.triageScore));
      await page.evaluate(() => {
        document.querySelector('[data-fixture-card] [data-fixture-slot="headline"]').firstChild.data = 'Crypto forex signals | Passive income | DM me';
      });
      await page.waitForFunction((s) => Number(document.querySelector('[data-fixture-card]').dataset.triageScore) < s, before);
      const [row] = await readTriage(page);
      assert.ok(row.reasons.some((r) => /spam|scam|sales/i.test(r)), `reasons: ${row.reasons.join('; ')}`);
      await page.close();
    });

    test('LinkedIn re-rendering a card never produces a second badge', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const count = (await readTriage(page)).length;
      for (let i = 0; i < 3; i++) await page.evaluate((n) => window.__fixture.rerender(n), i);
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-triage-id]').length === n && [...document.querySelectorAll('[data-fixture-card]')].every((c) => c.querySelector(':scope > [data-triage-ui]')),
        count,
      );
      const rows = await readTriage(page);
      assert.equal(rows.length, count);
      assertPainted(rows);
      await page.close();
    });

    test('single-page navigation from the feed starts the work, and leaving stops it', async () => {
      browser.serve({ '/feed/': 'feed.html', '/mynetwork/invitation-manager/': 'era-c2.html' });
      const page = await browser.open('https://www.linkedin.com/feed/');
      // Idle on the feed: the content script is there (it marks nothing) and stays idle.
      await page.waitForFunction(() => document.readyState === 'complete');
      await new Promise((resolve) => setTimeout(resolve, 300)); // nothing to wait for: idleness is the absence of work
      assert.equal(await page.evaluate(() => document.documentElement.dataset.triageStatus ?? null), null, 'idle on the feed');
      await page.click('a[href="/mynetwork/invitation-manager/"]');
      assert.equal(await waitForStatus(page, 'ready'), 'ready');
      assert.ok((await readTriage(page)).length > 0);
      await page.goBack();
      await page.waitForFunction(() => !document.documentElement.dataset.triageStatus);
      await page.goForward();
      assert.equal(await waitForStatus(page, 'ready'), 'ready');
      await page.close();
    });

    test('hostile page text is shown as text', async () => {
      const page = await browser.newPage();
      const dialogs = page.recordDialogs();
      browser.serve({ '/mynetwork/invitation-manager/': 'hostile.html' });
      await page.goto(INVITATIONS_URL);
      await waitForStatus(page, 'ready');
      const injected = await page.evaluate(() =>
        [...document.querySelectorAll('[data-triage-ui]')].flatMap((h) => [...h.shadowRoot.querySelectorAll('img, svg, script, iframe')]).length,
      );
      assert.equal(injected, 0, 'no markup from page text became elements');
      const labels = (await readTriage(page)).map((r) => r.label).join('\n');
      assert.match(labels, /Invite Triage:/);
      // LinkedIn re-renders a card with absurd text: a 10,000-character headline, impossible
      // numbers, our own placeholder and emoji in the name. The card is read again, as text.
      const scoreBefore = await page.evaluate(() => document.querySelector('[data-fixture-card][data-fixture-name="Zed Quinn"]').dataset.triageScore);
      await page.evaluate(() => {
        const card = document.querySelector('[data-fixture-card][data-fixture-name="Zed Quinn"]');
        card.querySelector('[data-fixture-slot="headline"]').textContent = 'Growth hacker '.repeat(715);
        card.querySelector('[data-fixture-slot="insight"]').textContent = '99999999999999 other mutual connections';
        card.querySelector('[data-fixture-slot="age"]').textContent = '999999 years ago';
        card.querySelector('strong').textContent = '{first_name} ${name} 🚀';
      });
      await page.waitForFunction(
        (before) => document.querySelector('[data-fixture-name="Zed Quinn"]').dataset.triageScore !== before,
        scoreBefore,
      );
      assert.equal(await waitForStatus(page), 'ready');
      const row = (await readTriage(page)).find((r) => r.id === 'zed-quinn');
      assert.equal(row.hosts, 1);
      const shownName = await page.evaluate(
        () => document.querySelector('[data-fixture-card][data-fixture-name="Zed Quinn"] [data-triage-ui]').shadowRoot.querySelector('.who').textContent,
      );
      assert.equal(shownName, '{first_name} ${name} 🚀', 'the new name is shown literally');
      assert.doesNotMatch(row.label + row.reasons.join(' '), /99999999999999|4294967295/, 'absurd counts are capped');
      assert.deepEqual(dialogs, []);
      await page.close();
    });

    describe('action buttons act on their own card only', () => {
      const clicks = (page) => page.evaluate(() => window.__fixtureClicks ?? []);
      /** Our button for `action` on card `index` (in the card's shadow root). */
      const shadowButton = (index, action) => ({ css: '[data-fixture-card]', nth: index, inside: `[data-triage-action="${action}"]` });
      const nameOf = (page, index) => page.evaluate((i) => document.querySelectorAll('[data-fixture-card]')[i].dataset.fixtureName, index);

      test('Accept clicks LinkedIn’s Accept of that card, once', async () => {
        const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
        const name = await nameOf(page, 1);
        await page.click(shadowButton(1, 'accept'), { count: 2 });
        await page.waitForFunction(() => (window.__fixtureClicks ?? []).length > 0);
        // Both clicks were handled once LinkedIn took the card away (50 ms after its Accept).
        await page.waitForFunction((n) => !document.querySelector(`[data-fixture-name="${n}"]`), name);
        assert.deepEqual(await clicks(page), [{ action: 'accept', name }]);
        await page.close();
      });

      test('when LinkedIn’s own button is gone, ours says so, clicks nothing, and the suggestions leave', async () => {
        const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
        // LinkedIn takes its Ignore away and the user clicks ours before the card is read again.
        const said = await page.evaluate(() => {
          const c = document.querySelector('[data-fixture-card]');
          c.setAttribute('data-test-card', '');
          const ignore = [...c.querySelectorAll('button')].find((b) => /ignore/i.test(b.getAttribute('aria-label') ?? b.textContent));
          ignore.remove();
          const shadow = c.querySelector(':scope > [data-triage-ui]').shadowRoot;
          shadow.querySelector('[data-triage-action="decline"]').click();
          return shadow.querySelector('[role="status"]').textContent;
        });
        assert.match(said, /LinkedIn’s button for this is missing/);
        assert.deepEqual(await clicks(page), [], 'nothing clicked on LinkedIn');
        // Read again, it is no longer a whole invitation: no Accept or Decline suggestion stays on it.
        await page.evaluate(() => new Promise((resolve) => {
          const c = document.querySelector('[data-test-card]');
          const done = () => !c.hasAttribute('data-triage-id') && !c.querySelector('[data-triage-ui]');
          if (done()) return resolve();
          new MutationObserver((_, o) => done() && (o.disconnect(), resolve())).observe(c, { attributes: true, childList: true });
        }));
        await page.close();
      });

      test('Accept & thank accepts and puts the thank-you on the clipboard', async () => {
        const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
        const name = await nameOf(page, 0);
        await page.click(shadowButton(0, 'accept-thank'));
        await page.waitForFunction(() => (window.__fixtureClicks ?? []).length > 0);
        assert.deepEqual(await clicks(page), [{ action: 'accept', name }]);
        const clip = await page.clipboardText();
        assert.ok(clip.length > 10 && clip.length <= 300, `a thank-you message: ${clip}`);
        assert.ok(clip.includes(name.split(' ')[0]), 'addressed by first name');
        await page.close();
      });

      test('Decline clicks Ignore and copies a polite decline', async () => {
        const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
        const name = await nameOf(page, 2);
        await page.click(shadowButton(2, 'decline'));
        await page.waitForFunction(() => (window.__fixtureClicks ?? []).length > 0);
        assert.deepEqual(await clicks(page), [{ action: 'ignore', name }]);
        const clip = await page.clipboardText();
        assert.ok(clip.length > 10, 'a decline message');
        await page.close();
      });

      test('Reply clicks that card’s own Message control and copies the reply', async () => {
        const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
        const name = await nameOf(page, 0);
        await page.click(shadowButton(0, 'reply'));
        await page.waitForFunction(() => (window.__fixtureClicks ?? []).length > 0);
        assert.deepEqual(await clicks(page), [{ action: 'reply', name }]);
        const clip = await page.clipboardText();
        assert.ok(clip.startsWith(`Hi ${name.split(' ')[0]},`), clip);
        await page.close();
      });

      test('once a card is accepted, its Decline clicks nothing', async () => {
        const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
        const name = await nameOf(page, 1);
        await page.evaluate(() => {
          const c = document.querySelectorAll('[data-fixture-card]')[1];
          const shadow = c.querySelector(':scope > [data-triage-ui]').shadowRoot;
          shadow.querySelector('[data-triage-action="accept"]').click();
          shadow.querySelector('[data-triage-action="decline"]').click();
        });
        await page.waitForFunction(() => (window.__fixtureClicks ?? []).length > 0);
        // Both clicks were handled once LinkedIn took the card away (50 ms after its Accept).
        await page.waitForFunction((n) => !document.querySelector(`[data-fixture-name="${n}"]`), name);
        assert.deepEqual(await clicks(page), [{ action: 'accept', name }]);
        await page.close();
      });

      test('Later and Note are kept and shown next time', async () => {
        const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
        const id = await page.evaluate(() => document.querySelectorAll('[data-fixture-card]')[3].dataset.triageId);
        await page.click(shadowButton(3, 'later'));
        await page.click(shadowButton(3, 'note'));
        await page.fill({ css: '[data-fixture-card]', nth: 3, inside: 'textarea' }, 'Met at RustConf <b>2026</b>');
        await page.click({ css: '[data-fixture-card]', nth: 3, inside: 'button[type="submit"]', text: 'Save note' });
        assert.deepEqual(await clicks(page), [], 'nothing clicked on LinkedIn');
        // Kept: the worker has recorded the note (and Later) before the page is loaded again.
        await browser.waitInBackground(
          (g, [i, note]) => g.chrome.storage.local.get('memory').then(({ memory }) => memory?.notes?.[i] === note && memory?.decisions?.[i] === 'later'),
          [id, 'Met at RustConf <b>2026</b>'],
        );
        await page.reload();
        await waitForStatus(page, 'ready');
        const note = () => page.evaluate(() => {
          const shown = document.querySelectorAll('[data-fixture-card]')[3].querySelector(':scope > [data-triage-ui]')?.shadowRoot?.querySelector('.note');
          return shown && !shown.hidden ? shown.textContent : null;
        });
        await page.waitForFunction(() => {
          const shown = document.querySelectorAll('[data-fixture-card]')[3].querySelector(':scope > [data-triage-ui]')?.shadowRoot?.querySelector('.note');
          return shown && !shown.hidden;
        });
        assert.equal(await note(), 'Your note: Met at RustConf <b>2026</b>');
        await page.close();
      });
    });

    test('a saved rules change re-scores the open page without a reload', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const [id, bucket] = await page.evaluate(() => {
        const card = document.querySelectorAll('[data-fixture-card]')[3];
        return [card.dataset.triageId, card.dataset.triageBucket];
      });
      assert.notEqual(bucket, 'accept');
      const options = await browser.openExtensionPage('options.html');
      await saveSettingsFrom(options, { version: 1, rules: { always_accept: [id] } });
      await page.waitForFunction((i) => document.querySelector(`[data-triage-id="${i}"]`)?.dataset.triageBucket === 'accept', id);
      const row = (await readTriage(page)).find((r) => r.id === id);
      // The always-accept points outweigh the pitch's (its score stays base plus its reasons).
      assert.ok(row.score >= 70, `${row.score}`);
      assert.ok(row.reasons.some((r) => /always-accept/.test(r)), 'the reason says why');
      await saveSettingsFrom(options, { version: 1 });
      await page.waitForFunction((i) => document.querySelector(`[data-triage-id="${i}"]`)?.dataset.triageBucket !== 'accept', id);
      await options.close();
      await page.close();
    });
  });
}
