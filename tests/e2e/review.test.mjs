// The weekly review: the side panel (panel.html, opened here in a tab of its own, as the side
// panel and the sidebar show the same page), keyboard triage, the batch accept within the weekly
// budget and its stops, verified outcomes, repeat inviters, the budget's second click, and
// quiet mode. Real Chromium and Firefox, fixtures at the real URL; LinkedIn's misbehaviour comes
// from the fixture's own switches (`window.__fixture.behaviour`).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { BROWSERS, launchBrowser } from './browsers.mjs';
import { INVITATIONS_URL, freshStart, saveSettingsFrom } from './harness.mjs';

/** A pace short enough for tests (the floor is 300 ms). */
const FAST = { batch: { pace_ms: [300, 320] } };
/** (Nearly) every card in Accept: the batch has something to accept on any fixture. */
const ALL_ACCEPT = { rules: { accept_at: 1, review_at: 0 } };

for (const kind of BROWSERS) {
  describe(kind, () => {
    let browser;
    /** An extension page for saving settings and reading storage through storage.js. */
    let options;
    before(async () => {
      browser = await launchBrowser(kind);
      options = await browser.openExtensionPage('options.html');
    });
    after(() => browser?.close());
    beforeEach(() => freshStart(browser, options));

    /** Saves these settings (over the defaults). */
    const settings = (extra) => saveSettingsFrom(options, { version: 3, ...extra });
    const stored = (key) => browser.background((g, k) => g.chrome.storage.local.get(k).then((all) => all[k]), key);
    const clicks = (page) => page.evaluate(() => window.__fixtureClicks ?? []);
    /** The page's cards as painted: id, name, bucket, score (the ground truth is the page's own). */
    const cardsOf = (page) =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-fixture-card]')].map((c) => ({
          name: c.dataset.fixtureName,
          id: c.dataset.triageId,
          bucket: c.dataset.triageBucket,
          score: Number(c.dataset.triageScore),
        })),
      );

    /** The invitations page and the panel, the panel showing every card the page has read. */
    async function pageAndPanel(fixture = 'era-c2.html') {
      const page = await browser.openInvitations(fixture, { status: 'ready' });
      const cards = await cardsOf(page);
      // The queue knows this page's tab (the panel acts there) once the page was read: the
      // newest tab (tab ids only grow; the panel opens after it), not a closed one of the test
      // before, whose last pass may have landed after the storage was cleared.
      const tab = await browser.background((g) => g.chrome.tabs.query({}).then((tabs) => Math.max(...tabs.map((t) => t.id))));
      await browser.waitInBackground(
        (g, [n, id]) => g.chrome.storage.local.get('queue').then(({ queue }) => queue?.tab === id && Object.keys(queue.cards).length >= n),
        [cards.length, tab],
      );
      const panel = await browser.openExtensionPage('panel.html');
      await panel.waitForFunction((n) => document.querySelectorAll('[data-triage-row]').length === n, cards.length);
      return { page, panel, cards };
    }

    const rows = (panel) =>
      panel.evaluate(() =>
        [...document.querySelectorAll('[data-triage-row]')].map((r) => ({
          id: r.dataset.triageId,
          bucket: r.dataset.triageBucket,
          outcome: r.dataset.triageOutcome ?? null,
          score: Number(r.querySelector('.chip').textContent.match(/\d+/)[0]),
          link: r.querySelector('a.who')?.href ?? null,
          reasons: r.querySelectorAll('.why li').length,
        })),
      );
    const batchItems = (panel) =>
      panel.evaluate(() =>
        [...document.querySelectorAll('[data-triage-batch="accept"] [data-triage-batch-item]')].map((r) => ({
          id: r.dataset.triageId,
          outcome: r.dataset.triageOutcome ?? null,
        })),
      );
    /** Waits until the batch ended (storage says so) and its outcomes are on the panel's rows. */
    async function batchEnded(panel) {
      const batch = await browser.waitInBackground((g) => g.chrome.storage.local.get('batch').then(({ batch }) => batch && !batch.running && batch));
      await panel.waitForFunction(
        (n) => [...document.querySelectorAll('[data-triage-batch-item]')].filter((r) => r.dataset.triageOutcome).length >= n,
        Object.keys(batch.outcomes).length,
      );
      return batch;
    }

    test('the panel shows the whole queue, grouped and best first, and follows the page live', async () => {
      const { page, panel, cards } = await pageAndPanel();
      const shown = await rows(panel);
      const byId = new Map(cards.map((c) => [c.id, c]));
      for (const row of shown) {
        const card = byId.get(row.id);
        assert.ok(card, `${row.id} is a card of the page`);
        assert.equal(row.bucket, card.bucket, `${card.name}: the page's bucket`);
        assert.equal(row.score, card.score, `${card.name}: the page's score`);
        assert.ok(row.reasons > 0, `${card.name}: its reasons`);
        if (row.link) assert.match(row.link, /^https:\/\/www\.linkedin\.com\/in\/[^/]+\/$/);
      }
      assert.ok(shown.some((r) => r.link), 'profile links');
      const order = ['accept', 'review', 'ignore'];
      for (let i = 1; i < shown.length; i++) {
        const [a, b] = [shown[i - 1], shown[i]];
        const byBucket = order.indexOf(a.bucket) - order.indexOf(b.bucket);
        assert.ok(byBucket < 0 || (byBucket === 0 && a.score >= b.score), `grouped and sorted: ${JSON.stringify([a, b])}`);
      }
      await page.evaluate(() => window.__fixture.appendCards(2));
      await panel.waitForFunction((n) => document.querySelectorAll('[data-triage-row]').length === n, cards.length + 2);
      await page.close();
      await panel.close();
    });

    // axe runs through its Playwright binding, in Chromium.
    for (const scheme of kind === 'chromium' ? ['light', 'dark'] : []) {
      test(`the panel has no serious accessibility issue (${scheme})`, async () => {
        const { page, panel } = await pageAndPanel();
        await panel.pw.emulateMedia({ colorScheme: scheme });
        const { violations } = await new AxeBuilder({ page: panel.pw }).analyze();
        const serious = violations.filter((v) => ['serious', 'critical'].includes(v.impact));
        assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
        await page.close();
        await panel.close();
      });
    }

    test('keyboard triage: j/k move, l keeps for later, a accepts on LinkedIn, Enter shows the card', async () => {
      const { page, panel, cards } = await pageAndPanel();
      const focused = () => panel.evaluate(() => document.activeElement?.closest('[data-triage-row]')?.dataset.triageId ?? null);
      const ids = (await rows(panel)).map((r) => r.id);
      await panel.evaluate(() => document.querySelector('[data-triage-row][tabindex="0"]').focus());
      assert.equal(await focused(), ids[0]);
      await panel.press('j');
      assert.equal(await focused(), ids[1], 'j moves down');
      await panel.press('j');
      await panel.press('k');
      assert.equal(await focused(), ids[1], 'k moves up');

      await panel.press('l');
      await browser.waitInBackground((g, id) => g.chrome.storage.local.get('memory').then(({ memory }) => memory?.decisions?.[id] === 'later'), ids[1]);
      assert.deepEqual(await clicks(page), [], 'Later clicks nothing on LinkedIn');

      await panel.press('Enter');
      await page.waitForFunction(
        (id) => document.querySelector(`[data-triage-id="${id}"] > [data-triage-ui]`)?.shadowRoot.querySelector('[data-triage-reasons]')?.hidden === false,
        ids[1],
      );

      await panel.evaluate(() => document.querySelector('[data-triage-row]').focus());
      await panel.press('a');
      const first = cards.find((c) => c.id === ids[0]);
      await page.waitForFunction((n) => !document.querySelector(`[data-fixture-name="${n}"]`), first.name);
      assert.deepEqual(await clicks(page), [{ action: 'accept', name: first.name }], 'one accept, on that card');
      const history = await browser.waitInBackground((g, id) => g.chrome.storage.local.get('history').then(({ history = [] }) => history.some((h) => h.id === id && h.outcome === 'done') && history), ids[0]);
      assert.equal(history.find((h) => h.id === ids[0]).action, 'accept');
      await page.close();
      await panel.close();
    });

    test('a row whose card is not on the page says so, clicks nothing, and offers a reload', async () => {
      const { page, panel, cards } = await pageAndPanel();
      const gone = cards[2];
      await page.evaluate((n) => document.querySelector(`[data-fixture-name="${n}"]`).remove(), gone.name);
      await panel.evaluate((id) => document.querySelector(`[data-triage-row][data-triage-id="${id}"]`).focus(), gone.id);
      await panel.press('d');
      await panel.waitForFunction((id) => /not on the page/.test(document.querySelector(`[data-triage-row][data-triage-id="${id}"] .row-status`).textContent), gone.id);
      assert.ok(await panel.isVisible({ css: `[data-triage-row][data-triage-id="${gone.id}"] [data-triage-reload]` }), 'a reload button');
      assert.deepEqual(await clicks(page), []);
      await page.close();
      await panel.close();
    });

    test('a batch stops at the weekly budget', async () => {
      await settings({ ...FAST, ...ALL_ACCEPT, weekly_budget: 2 });
      const { page, panel, cards } = await pageAndPanel();
      const offered = (await batchItems(panel)).map((r) => r.id);
      const accepts = cards.filter((c) => c.bucket === 'accept').map((c) => c.id);
      assert.deepEqual([...offered].sort(), [...accepts].sort(), 'every Accept invitation is offered');
      assert.ok(offered.length >= 4, 'enough to go past the budget');
      // The user unticks one: it is not accepted.
      await panel.click(`#tick-${CSSescape(offered[0])}`);
      await panel.click('[data-triage-batch-start]');
      const batch = await batchEnded(panel);
      const outcomes = await batchItems(panel);
      const go = offered.slice(1);
      const missing = go.filter((id) => !outcomes.some((o) => o.id === id));
      assert.deepEqual(missing, [], `every ticked row is shown with its outcome: ${JSON.stringify({ offered, outcomes, stored: batch.outcomes, go: batch.go })}`);
      assert.deepEqual(
        go.map((id) => outcomes.find((o) => o.id === id).outcome),
        go.map((_, i) => (i < 2 ? 'accepted' : 'budget')),
        'two accepted, the rest over the budget',
      );
      assert.equal(outcomes.find((o) => o.id === offered[0]).outcome, null, 'the unticked one is left alone');
      const names = go.slice(0, 2).map((id) => cards.find((c) => c.id === id).name);
      assert.deepEqual((await clicks(page)).map((c) => c.name), names, 'LinkedIn’s Accept clicked for those two, in order');
      assert.equal(batch.stopped.why, 'done');
      const history = await stored('history');
      assert.equal(history.filter((h) => h.action === 'accept' && h.outcome === 'done').length, 2, 'both recorded as taken');
      await page.close();
      await panel.close();
    });

    test('a batch stops at LinkedIn’s “Take care when connecting” dialog', async () => {
      await settings({ ...FAST, ...ALL_ACCEPT, weekly_budget: 0 });
      const { page, panel, cards } = await pageAndPanel();
      await page.evaluate(() => (window.__fixture.behaviour.frictionAfter = 1));
      const offered = (await batchItems(panel)).map((r) => r.id);
      await panel.click('[data-triage-batch-start]');
      const batch = await batchEnded(panel);
      assert.equal(batch.stopped.why, 'friction');
      const outcomes = Object.fromEntries((await batchItems(panel)).map((o) => [o.id, o.outcome]));
      assert.equal(outcomes[offered[0]], 'accepted');
      assert.equal(outcomes[offered[1]], 'friction');
      for (const id of offered.slice(2)) assert.equal(outcomes[id], 'stopped', 'nothing after the friction');
      assert.match(await panel.textContent('#batch-status'), /Take care when connecting/);
      assert.equal((await clicks(page)).length, 2, 'no click after the dialog came up');
      assert.equal(cards.length > 2, true);
      const history = await stored('history');
      assert.deepEqual(
        history.filter((h) => h.action === 'accept').map((h) => [h.id, h.outcome]),
        [[offered[0], 'done'], [offered[1], 'friction']],
      );
      await page.close();
      await panel.close();
    });

    test('a batch stops at LinkedIn’s weekly-limit alert', async () => {
      await settings({ ...FAST, ...ALL_ACCEPT, weekly_budget: 0 });
      const { page, panel } = await pageAndPanel();
      await page.evaluate(() => (window.__fixture.behaviour.limitAfter = 1));
      const offered = (await batchItems(panel)).map((r) => r.id);
      await panel.click('[data-triage-batch-start]');
      const batch = await batchEnded(panel);
      assert.equal(batch.stopped.why, 'friction');
      assert.deepEqual([batch.outcomes[offered[0]], batch.outcomes[offered[1]]], ['accepted', 'friction']);
      assert.match(await panel.textContent('#batch-status'), /weekly invitation limit/);
      assert.equal((await clicks(page)).length, 2);
      await page.close();
      await panel.close();
    });

    test('a batch stops when LinkedIn ignores a click (not-taken), and nothing is recorded as done', async () => {
      await settings({ ...FAST, ...ALL_ACCEPT, weekly_budget: 0 });
      const { page, panel } = await pageAndPanel();
      await page.evaluate(() => (window.__fixture.behaviour.ignoreAccepts = true));
      const offered = (await batchItems(panel)).map((r) => r.id);
      await panel.click('[data-triage-batch-start]');
      const batch = await batchEnded(panel);
      assert.equal(batch.stopped.why, 'not-taken');
      const outcomes = Object.fromEntries((await batchItems(panel)).map((o) => [o.id, o.outcome]));
      assert.equal(outcomes[offered[0]], 'not-taken');
      for (const id of offered.slice(1)) assert.equal(outcomes[id], 'stopped');
      assert.equal((await clicks(page)).length, 1, 'one click, then the stop');
      const memory = await stored('memory');
      assert.equal(memory?.decisions?.[offered[0]], undefined, 'not a decision');
      await page.close();
      await panel.close();
    });

    test('Stop stops the batch at once', async () => {
      await settings({ batch: { pace_ms: [5000, 5000] }, ...ALL_ACCEPT, weekly_budget: 0 });
      const { page, panel } = await pageAndPanel();
      const offered = (await batchItems(panel)).map((r) => r.id);
      await panel.click('[data-triage-batch-start]');
      await browser.waitInBackground((g, id) => g.chrome.storage.local.get('batch').then(({ batch }) => batch?.outcomes?.[id] === 'accepted'), offered[0]);
      await panel.click('[data-triage-batch-stop]');
      const batch = await batchEnded(panel);
      assert.equal(batch.stopped.why, 'stop');
      assert.equal((await clicks(page)).length, 1, 'no accept after Stop');
      await page.close();
      await panel.close();
    });

    test('closing the tab stops the batch cleanly and says so', async () => {
      await settings({ batch: { pace_ms: [5000, 5000] }, ...ALL_ACCEPT, weekly_budget: 0 });
      const { page, panel } = await pageAndPanel();
      const offered = (await batchItems(panel)).map((r) => r.id);
      await panel.click('[data-triage-batch-start]');
      await browser.waitInBackground((g, id) => g.chrome.storage.local.get('batch').then(({ batch }) => batch?.outcomes?.[id] === 'accepted'), offered[0]);
      await page.close();
      const batch = await batchEnded(panel);
      assert.equal(batch.stopped.why, 'tab-closed');
      assert.deepEqual(offered.slice(1).map((id) => batch.outcomes[id]), offered.slice(1).map(() => 'stopped'));
      assert.match(await panel.textContent('#batch-status'), /tab was closed/);
      await panel.close();
    });

    test('n writes a note from the panel', async () => {
      const { page, panel } = await pageAndPanel();
      const id = await panel.evaluate(() => {
        const row = document.querySelector('[data-triage-row]');
        row.focus();
        return row.dataset.triageId;
      });
      await panel.press('n');
      await panel.fill({ css: '[data-triage-row]', inside: 'textarea' }, 'Met at RustConf <b>2026</b>');
      await panel.click({ css: '[data-triage-row]', inside: 'button[type="submit"]' });
      await browser.waitInBackground((g, i) => g.chrome.storage.local.get('memory').then(({ memory }) => memory?.notes?.[i] === 'Met at RustConf <b>2026</b>'), id);
      await panel.waitForFunction((i) => document.querySelector(`[data-triage-row][data-triage-id="${i}"] .note`)?.textContent.includes('<b>2026</b>'), id);
      await page.close();
      await panel.close();
    });

    test('a single accept LinkedIn does not take says so on the card', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      await page.evaluate(() => (window.__fixture.behaviour.ignoreAccepts = true));
      await page.click({ css: '[data-fixture-card]', nth: 0, inside: '[data-triage-action="accept"]' });
      await page.waitForFunction(() => /did not take it/.test(document.querySelector('[data-fixture-card] > [data-triage-ui]').shadowRoot.querySelector('.status').textContent));
      const history = await browser.waitInBackground((g) => g.chrome.storage.local.get('history').then(({ history }) => history?.length && history));
      assert.equal(history[0].outcome, 'not-taken');
      const id = await page.evaluate(() => document.querySelector('[data-fixture-card]').dataset.triageId);
      assert.equal((await stored('memory'))?.decisions?.[id], undefined);
      await page.close();
    });

    test('past the weekly budget, Accept asks first and goes at the second click', async () => {
      await settings({ weekly_budget: 1 });
      await browser.background((g) => g.chrome.storage.local.set({ history: [{ id: 'someone-else', action: 'accept', at: Date.now() - 3600_000, outcome: 'done' }] }));
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const button = { css: '[data-fixture-card]', nth: 0, inside: '[data-triage-action="accept"]' };
      await page.click(button);
      await page.waitForFunction(() => document.querySelector('[data-fixture-card] > [data-triage-ui]').shadowRoot.querySelector('.status').textContent === '2 of 1 this week: accept anyway?');
      assert.deepEqual(await clicks(page), [], 'the first click asks, clicks nothing');
      await page.click(button);
      await page.waitForFunction(() => (window.__fixtureClicks ?? []).length === 1);
      await page.close();
    });

    test('an accept with LinkedIn’s own button counts in the week', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const id = await page.evaluate(() => document.querySelector('[data-fixture-card]').dataset.triageId);
      await page.click({ css: '[data-fixture-card]', nth: 0, inside: 'button[aria-label^="Accept"]' });
      const history = await browser.waitInBackground((g, i) => g.chrome.storage.local.get('history').then(({ history }) => history?.some((h) => h.id === i) && history), id);
      assert.deepEqual(history.map((h) => [h.id, h.action, h.via]), [[id, 'accept', 'linkedin']]);
      const popup = await browser.openExtensionPage('popup.html');
      await popup.waitForFunction(() => /1 of 30/.test(document.querySelector('.week')?.textContent ?? ''));
      await popup.close();
      await page.close();
    });

    test('a repeat inviter after a decline and a reload: the reason says so, decline comes first', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const { id, name } = await page.evaluate(() => {
        const c = document.querySelectorAll('[data-fixture-card]')[1];
        return { id: c.dataset.triageId, name: c.dataset.fixtureName };
      });
      await page.click({ css: '[data-fixture-card]', nth: 1, inside: '[data-triage-action="decline"]' });
      await browser.waitInBackground((g, i) => g.chrome.storage.local.get('memory').then(({ memory }) => memory?.past?.[i]?.how === 'declined'), id);
      await page.reload();
      await page.waitForFunction((n) => document.querySelector(`[data-fixture-name="${n}"]`)?.dataset.triageId, name);
      const card = await page.waitForFunction(
        (i) => {
          const shadow = document.querySelector(`[data-triage-id="${i}"] > [data-triage-ui]`)?.shadowRoot;
          shadow?.querySelector('[data-triage-badge]')?.dispatchEvent(new MouseEvent('mouseenter')); // fills the reasons
          const reasons = [...(shadow?.querySelectorAll('[data-triage-reasons] li') ?? [])].map((li) => li.textContent);
          const first = shadow?.querySelector('[data-triage-action]');
          return reasons.some((r) => /Invited you before; you declined it on \d+ \w+/.test(r)) && { first: first.dataset.triageAction, primary: first.classList.contains('primary') };
        },
        id,
      );
      assert.deepEqual(await card.jsonValue?.() ?? card, { first: 'decline', primary: true });
      await page.close();
    });

    test('quiet mode: the page’s DOM after a full read equals the DOM without the extension', async () => {
      await settings({ quiet: true });
      // The same fixture where the extension reads nothing (not an invitations page): the baseline.
      browser.serve({ '/quiet-baseline/': 'era-c2.html' });
      const plain = await browser.open('https://www.linkedin.com/quiet-baseline/');
      await plain.waitForFunction(() => document.querySelectorAll('[data-fixture-card]').length > 0);
      const baseline = await plain.evaluate(() => document.body.outerHTML);
      await plain.close();

      browser.serve({ [new URL(INVITATIONS_URL).pathname]: 'era-c2.html' });
      const page = await browser.open(INVITATIONS_URL);
      const count = await page.evaluate(() => document.querySelectorAll('[data-fixture-card]').length);
      // Read in full: the queue has every card, with its bucket.
      await browser.waitInBackground(
        (g, n) => g.chrome.storage.local.get('queue').then(({ queue }) => queue?.status === 'ready' && Object.values(queue.cards).filter((c) => c.bucket).length === n),
        count,
      );
      const panel = await browser.openExtensionPage('panel.html');
      await panel.waitForFunction((n) => document.querySelectorAll('[data-triage-row]').length === n, count);
      assert.equal(firstDifference(await page.evaluate(() => document.body.outerHTML), baseline), null, 'nothing added, nothing changed');
      assert.deepEqual(
        await page.evaluate(() => [...document.documentElement.attributes].map((a) => a.name).filter((n) => n.startsWith('data-triage'))),
        [],
        'no status attributes on <html> either',
      );
      // Actions still click LinkedIn's own controls, on the user's press in the panel.
      await panel.evaluate(() => document.querySelector('[data-triage-row]').focus());
      await panel.press('a');
      await page.waitForFunction(() => (window.__fixtureClicks ?? []).length === 1);
      assert.equal((await clicks(page))[0].action, 'accept');
      await page.close();
      await panel.close();
    });
  });
}

/** Where two texts first differ, with some context either side; null when they are equal. */
function firstDifference(actual, expected) {
  if (actual === expected) return null;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  return { at: i, actual: actual.slice(Math.max(0, i - 80), i + 120), expected: expected.slice(Math.max(0, i - 80), i + 120) };
}

/** CSS.escape for ids in selectors, here in Node. */
function CSSescape(id) {
  return id.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c.codePointAt(0).toString(16)} `);
}
