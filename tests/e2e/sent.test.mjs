// The Sent tab: every sent invitation's age and the "withdraw?" suggestion past the threshold,
// our Withdraw that opens LinkedIn's own and waits for its confirmation, the side panel's batch
// withdraw (verified, stopping at friction), and what became of the invitations that left the
// list (the popup's pending count, oldest and acceptance rate). Real Chromium and Firefox, the
// fixtures at the real Sent URL; the ground truth is each card's own `data-fixture-*`.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { BROWSERS, launchBrowser } from './browsers.mjs';
import { INVITATIONS_URL, freshStart, saveSettingsFrom } from './harness.mjs';

const SENT_URL = 'https://www.linkedin.com/mynetwork/invitation-manager/sent/';
/** A pace short enough for tests (the floor is 300 ms). */
const FAST = { batch: { pace_ms: [300, 320] } };
const DAY = 24 * 3600 * 1000;

for (const kind of BROWSERS) {
  describe(kind, () => {
    let browser;
    let options;
    before(async () => {
      browser = await launchBrowser(kind);
      options = await browser.openExtensionPage('options.html');
    });
    after(() => browser?.close());
    beforeEach(() => freshStart(browser, options));

    const settings = (extra) => saveSettingsFrom(options, { version: 4, ...extra });
    const stored = (key) => browser.background((g, k) => g.chrome.storage.local.get(k).then((all) => all[k]), key);
    /** The Sent tab's cards: their truth and what we painted on them. */
    const sentCards = (page) =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-fixture-sent]')].map((c) => ({
          name: c.dataset.fixtureName,
          truthId: c.dataset.fixtureId,
          truthDays: c.dataset.fixtureDays === undefined ? null : Number(c.dataset.fixtureDays),
          id: c.dataset.triageId ?? null,
          days: c.dataset.triageSentDays === undefined ? null : Number(c.dataset.triageSentDays),
          suggest: c.dataset.triageSuggest ?? null,
          badge: c.querySelector('[data-triage-ui]')?.shadowRoot?.querySelector('[data-triage-badge]')?.dataset.triageBadge ?? null,
          withdrawButton: Boolean(c.querySelector('[data-triage-ui]')?.shadowRoot?.querySelector('[data-triage-action="withdraw"]')),
        })),
      );
    /** Opens a Sent fixture and waits until every card is painted and the ledger has them all. */
    async function openSent(fixture = 'sent-current.html') {
      const page = await browser.openInvitations(fixture, { url: SENT_URL, status: 'ready' });
      const n = await page.evaluate(() => document.querySelectorAll('[data-fixture-sent]').length);
      await page.waitForFunction((count) => document.querySelectorAll('[data-fixture-sent][data-triage-id]').length === count, n);
      await browser.waitInBackground((g, count) => g.chrome.storage.local.get('sent').then(({ sent }) => Object.keys(sent?.entries ?? {}).length === count), n);
      return page;
    }
    const ourWithdraw = (nth) => ({ css: '[data-fixture-sent]', nth, inside: 'button[data-triage-action="withdraw"]' });
    const statusOf = (page, nth) =>
      page.evaluate((i) => document.querySelectorAll('[data-fixture-sent]')[i]?.querySelector('[data-triage-ui]')?.shadowRoot?.querySelector('.status')?.textContent ?? null, nth);
    const indexOf = async (page, name) => (await sentCards(page)).findIndex((c) => c.name === name);

    for (const fixture of ['sent-current.html', 'sent-era-b.html', 'sent-fr.html', 'sent-de.html']) {
      test(`${fixture}: every card shows its age, and those pending 30 days or more suggest a withdraw`, async () => {
        const page = await openSent(fixture);
        const cards = await sentCards(page);
        assert.ok(cards.length >= 3);
        for (const c of cards) {
          assert.equal(c.id, c.truthId, c.name);
          assert.equal(c.days, c.truthDays, c.name);
          const stale = c.truthDays >= 30;
          assert.equal(c.suggest, stale ? 'withdraw' : null, c.name);
          assert.equal(c.badge, stale ? 'withdraw' : 'sent', c.name);
          assert.ok(c.withdrawButton, c.name);
        }
        assert.equal(await page.evaluate(() => document.documentElement.dataset.triageCount), String(cards.length));
        // The received tab's attributes are not on sent cards.
        assert.equal(await page.evaluate(() => document.querySelectorAll('[data-fixture-sent][data-triage-bucket], [data-fixture-sent][data-triage-score]').length), 0);
        await page.close();
      });
    }

    test('the threshold is a setting, and a suggested card says the cooldown in its reasons', async () => {
      await settings({ sent: { withdraw_after_days: 7 } });
      const page = await openSent();
      const cards = await sentCards(page);
      for (const c of cards) assert.equal(c.suggest, c.truthDays >= 7 ? 'withdraw' : null, c.name);
      const stale = cards.findIndex((c) => c.suggest);
      await page.click({ css: '[data-fixture-sent]', nth: stale, inside: '[data-triage-badge]' });
      const reasons = await page.evaluate(
        (i) => document.querySelectorAll('[data-fixture-sent]')[i].querySelector('[data-triage-ui]').shadowRoot.querySelector('[data-triage-reasons]').textContent,
        stale,
      );
      assert.match(reasons, /up to 3 weeks/);
      assert.match(reasons, new RegExp(`Pending ${cards[stale].truthDays} days, past your 7`));
      await page.close();
    });

    /** Each era's confirmation, as the user sees it: its dialog and its confirming button. */
    const ERAS = [
      { fixture: 'sent-current.html', dialog: 'dialog[open][data-testid="dialog"]', confirm: 'dialog[open] button[aria-label^="Withdraw invitation sent to"]' },
      { fixture: 'sent-era-b.html', dialog: '[data-fixture-confirm]:not([hidden]) [role="dialog"]', confirm: { css: '[data-fixture-confirm] button.artdeco-modal__confirm-dialog-btn', text: 'Withdraw' } },
    ];

    for (const era of ERAS) {
      test(`${era.fixture}: our Withdraw opens LinkedIn’s and waits for the user to confirm it`, async () => {
        const page = await openSent(era.fixture);
        const cards = await sentCards(page);
        const at = cards.findIndex((c) => !c.suggest);
        const { name, truthId: id } = cards[at];
        await page.click(ourWithdraw(at));
        await page.waitForFunction((css) => document.querySelector(css), era.dialog);
        await page.waitForFunction((i) => /Confirm in LinkedIn/.test(document.querySelectorAll('[data-fixture-sent]')[i].querySelector('[data-triage-ui]').shadowRoot.querySelector('.status').textContent), at);
        // Nothing withdrawn until the user says so in LinkedIn's dialog.
        assert.deepEqual(await page.evaluate(() => window.__fixture.withdrawn), []);
        assert.equal((await stored('sent')).entries[id].state, 'pending');
        await page.click(era.confirm);
        const ledger = await browser.waitInBackground((g, i) => g.chrome.storage.local.get('sent').then(({ sent }) => sent?.entries?.[i]?.state === 'withdrawn' && sent), id);
        assert.equal(ledger.entries[id].name, name);
        assert.deepEqual(await page.evaluate(() => window.__fixture.withdrawn), [name]);
        const history = await stored('history');
        assert.deepEqual(
          history.filter((h) => h.action === 'withdraw').map((h) => [h.id, h.outcome]),
          [[id, 'done']],
        );
        await page.close();
      });
    }

    test('a withdraw with LinkedIn’s own buttons is told apart and kept', async () => {
      const page = await openSent();
      const cards = await sentCards(page);
      const at = cards.findIndex((c) => c.name === 'Kwame Mensah');
      const id = cards[at].truthId;
      // The user's own clicks (trusted input) on LinkedIn's Withdraw and its confirm.
      await page.click({ css: '[data-fixture-sent]', nth: at, inside: 'a[aria-label^="Withdraw invitation sent to"]' });
      await page.click('dialog[open] button[aria-label^="Withdraw invitation sent to"]');
      const ledger = await browser.waitInBackground((g, i) => g.chrome.storage.local.get('sent').then(({ sent }) => sent?.entries?.[i]?.state === 'withdrawn' && sent), id);
      assert.equal(Object.values(ledger.entries).filter((e) => e.state === 'withdrawn').length, 1);
      const history = await browser.waitInBackground((g) => g.chrome.storage.local.get('history').then(({ history }) => history?.length && history));
      assert.deepEqual(history.map((h) => [h.id, h.action, h.outcome, h.via]), [[id, 'withdraw', 'done', 'linkedin']]);
      await page.close();
    });

    test('a double click on our Withdraw clicks LinkedIn’s once', async () => {
      const page = await openSent();
      const at = (await sentCards(page)).findIndex((c) => c.name === 'Kwame Mensah');
      await page.click(ourWithdraw(at), { count: 2 });
      await page.waitForFunction(() => document.querySelector('dialog[open][data-testid="dialog"]'));
      await page.waitForFunction((i) => /Confirm in LinkedIn/.test(document.querySelectorAll('[data-fixture-sent]')[i].querySelector('[data-triage-ui]').shadowRoot.querySelector('.status').textContent), at);
      assert.deepEqual(await page.evaluate(() => (window.__fixtureClicks ?? []).map((c) => [c.action, c.name])), [['withdraw', 'Kwame Mensah']]);
      assert.equal(await page.evaluate(() => document.querySelectorAll('dialog[open]').length), 1);
      await page.close();
    });

    test('closing LinkedIn’s confirmation keeps the invitation and says so', async () => {
      const page = await openSent();
      const at = await indexOf(page, 'Kwame Mensah');
      await page.click(ourWithdraw(at));
      await page.waitForFunction(() => document.querySelector('dialog[open][data-testid="dialog"]'));
      await page.waitForFunction((i) => /Confirm in LinkedIn/.test(document.querySelectorAll('[data-fixture-sent]')[i].querySelector('[data-triage-ui]').shadowRoot.querySelector('.status').textContent), at);
      await page.click({ css: 'dialog[open] button', text: 'Cancel' });
      await page.waitForFunction((i) => /Not withdrawn/.test(document.querySelectorAll('[data-fixture-sent]')[i].querySelector('[data-triage-ui]').shadowRoot.querySelector('.status').textContent), at);
      const history = await browser.waitInBackground((g) => g.chrome.storage.local.get('history').then(({ history }) => history?.some((h) => h.action === 'withdraw') && history));
      assert.deepEqual(history.filter((h) => h.action === 'withdraw').map((h) => h.outcome), ['cancelled']);
      assert.deepEqual(await page.evaluate(() => window.__fixture.withdrawn), []);
      const card = (await sentCards(page))[at];
      assert.equal(card.id, card.truthId);
      assert.equal((await stored('sent')).entries[card.truthId].state, 'pending');
      await page.close();
    });

    /** The panel with its withdraw section showing the suggested rows. */
    async function panelWithSuggestions(n) {
      const panel = await browser.openExtensionPage('panel.html');
      await panel.waitForFunction((count) => document.querySelectorAll('[data-triage-batch="withdraw"] [data-triage-withdraw-item]').length === count, n);
      return panel;
    }
    const withdrawItems = (panel) =>
      panel.evaluate(() =>
        [...document.querySelectorAll('[data-triage-withdraw-item]')].map((r) => ({ id: r.dataset.triageId, outcome: r.dataset.triageOutcome ?? null })),
      );
    async function withdrawEnded(panel) {
      const batch = await browser.waitInBackground((g) => g.chrome.storage.local.get('batch').then(({ batch }) => batch?.action === 'withdraw' && !batch.running && batch), undefined, { timeout: 30_000 });
      await panel.waitForFunction(
        (ids) => ids.every((id) => document.querySelector(`[data-triage-withdraw-item][data-triage-id="${CSS.escape(id)}"]`)?.dataset.triageOutcome),
        Object.keys(batch.outcomes),
      );
      return batch;
    }

    for (const { fixture } of ERAS) test(`${fixture}: the batch withdraw takes the suggested ones, oldest first, each confirmed and verified`, async () => {
      await settings(FAST);
      const page = await openSent(fixture);
      const cards = await sentCards(page);
      const suggested = cards.filter((c) => c.suggest).sort((a, b) => b.truthDays - a.truthDays);
      assert.deepEqual(suggested.map((c) => c.name), cards.filter((c) => c.truthDays >= 30).sort((a, b) => b.truthDays - a.truthDays).map((c) => c.name));
      assert.ok(suggested.length >= 2);
      const panel = await panelWithSuggestions(suggested.length);
      assert.deepEqual((await withdrawItems(panel)).map((r) => r.id), suggested.map((c) => c.truthId));
      assert.match(await panel.textContent('#withdraw-cooldown'), /3 weeks/);
      await panel.click('[data-triage-withdraw-start]');
      const batch = await withdrawEnded(panel);
      assert.equal(batch.stopped.why, 'done');
      assert.deepEqual(
        (await withdrawItems(panel)).filter((r) => r.outcome).map((r) => [r.id, r.outcome]),
        suggested.map((c) => [c.truthId, 'withdrawn']),
      );
      assert.deepEqual(await page.evaluate(() => window.__fixture.withdrawn), suggested.map((c) => c.name));
      const ledger = await browser.waitInBackground(
        (g, ids) => g.chrome.storage.local.get('sent').then(({ sent }) => ids.every((id) => sent?.entries?.[id]?.state === 'withdrawn') && sent),
        suggested.map((c) => c.truthId),
      );
      assert.equal(Object.values(ledger.entries).filter((e) => e.state === 'pending').length, cards.length - suggested.length);
      // Nothing else was clicked: exactly one Withdraw per suggested card.
      const clicks = await page.evaluate(() => (window.__fixtureClicks ?? []).filter((c) => c.action === 'withdraw').map((c) => c.name));
      assert.deepEqual(clicks, suggested.map((c) => c.name));
      await page.close();
      await panel.close();
    });

    // axe runs through Playwright: Chromium only. The sent cards' badges and the panel's batch
    // withdraw, light and dark.
    if (kind === 'chromium') {
      for (const scheme of ['light', 'dark']) {
        test(`the Sent tab's badges and the batch withdraw have no serious accessibility issue (${scheme})`, async () => {
          const page = await openSent();
          const panel = await panelWithSuggestions(2);
          const serious = [];
          for (const [target, include] of [[panel, 'body'], [page, '[data-triage-ui]']]) {
            await target.pw.emulateMedia({ colorScheme: scheme });
            const { violations } = await new AxeBuilder({ page: target.pw }).include(include).analyze();
            serious.push(...violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
          }
          assert.deepEqual(serious, []);
          await page.close();
          await panel.close();
        });
      }
    }

    test('a batch withdraw stops at LinkedIn’s limit alert', async () => {
      await settings({ ...FAST, sent: { withdraw_after_days: 7 } });
      const page = await openSent();
      await page.evaluate(() => {
        window.__fixture.behaviour.withdrawLimitAfter = 1;
      });
      const suggested = (await sentCards(page)).filter((c) => c.suggest).sort((a, b) => b.truthDays - a.truthDays);
      assert.equal(suggested.length, 4);
      const panel = await panelWithSuggestions(suggested.length);
      await panel.click('[data-triage-withdraw-start]');
      const batch = await withdrawEnded(panel);
      assert.equal(batch.stopped.why, 'friction');
      assert.match(batch.stopped.text, /weekly limit/);
      const outcomes = Object.fromEntries((await withdrawItems(panel)).map((r) => [r.id, r.outcome]));
      assert.equal(outcomes[suggested[0].truthId], 'withdrawn');
      assert.equal(outcomes[suggested[1].truthId], 'friction');
      for (const c of suggested.slice(2)) assert.equal(outcomes[c.truthId], 'stopped');
      assert.deepEqual(await page.evaluate(() => window.__fixture.withdrawn), [suggested[0].name]);
      // No Withdraw was clicked after the alert.
      const clicks = await page.evaluate(() => (window.__fixtureClicks ?? []).filter((c) => c.action === 'withdraw').length);
      assert.equal(clicks, 2);
      assert.match(await panel.textContent('#withdraw-status'), /weekly limit/);
      await page.close();
      await panel.close();
    });

    test('invitations that leave a whole list count as accepted, and the popup shows the rate', async () => {
      const page = await openSent();
      const cards = await sentCards(page);
      // José (today) and Zoë (a week) leave the list without a withdraw: LinkedIn's list, and its
      // count, say one person fewer each.
      await page.evaluate((names) => {
        for (const card of document.querySelectorAll('[data-fixture-sent]')) {
          if (!names.includes(card.dataset.fixtureName)) continue;
          if (card.nextElementSibling?.matches('hr')) card.nextElementSibling.remove();
          card.remove();
        }
        const pill = document.querySelector('[data-fixture-count]');
        pill.textContent = pill.textContent.replace(/\((\d+)\)/, (_, n) => `(${Number(n) - names.length})`);
      }, ['José Ñúñez', 'Zoë Ångström']);
      const gone = cards.filter((c) => ['José Ñúñez', 'Zoë Ångström'].includes(c.name)).map((c) => c.truthId);
      const ledger = await browser.waitInBackground(
        (g, ids) => g.chrome.storage.local.get('sent').then(({ sent }) => ids.every((id) => sent?.entries?.[id]?.state === 'accepted') && sent),
        gone,
      );
      const pending = Object.entries(ledger.entries).filter(([, e]) => e.state === 'pending').map(([id]) => id).sort();
      assert.deepEqual(pending, cards.filter((c) => !gone.includes(c.truthId)).map((c) => c.truthId).sort());
      const popup = await browser.openExtensionPage('popup.html');
      await popup.waitForFunction(() => document.querySelector('[data-sent="rate"]'));
      const inWindow = cards.filter((c) => c.truthDays <= 90).length;
      const rate = Math.round((2 / inWindow) * 100);
      assert.equal(await popup.textContent('[data-sent="pending"]'), `${cards.length - 2} pending; ${cards.filter((c) => c.truthDays >= 30).length} past your withdraw threshold.`);
      const oldest = cards.reduce((a, b) => (b.truthDays > a.truthDays ? b : a));
      assert.equal(await popup.textContent('[data-sent="oldest"]'), `Oldest: ${oldest.name}, ${oldest.truthDays} days.`);
      assert.equal(await popup.textContent('[data-sent="rate"]'), `Accepted: 2 of ${inWindow} sent in the last 90 days (${rate}%).`);
      await popup.close();
      await page.close();
    });

    test('a part of the list read concludes nothing about the rest', async () => {
      const page = await openSent();
      const count = await page.evaluate(() => document.querySelectorAll('[data-fixture-sent]').length);
      // A card leaves, but the count pill does not say so: the list is not known whole.
      await page.evaluate(() => document.querySelector('[data-fixture-sent]').remove());
      await page.waitForFunction((n) => document.documentElement.dataset.triageCount === String(n - 1), count);
      // Then an invitation the ledger has not seen: once it is there, the pass before was kept
      // (the worker writes in order), and the pill, one more, still says the list is not whole.
      await page.evaluate(() => {
        const copy = document.querySelector('[data-fixture-sent]').cloneNode(true);
        copy.querySelectorAll('[data-triage-ui]').forEach((n) => n.remove());
        for (const a of [...copy.attributes].filter((a) => a.name.startsWith('data-triage'))) copy.removeAttribute(a.name);
        for (const a of copy.querySelectorAll('a[href^="/in/"]')) a.setAttribute('href', '/in/new-person-1/');
        const pill = document.querySelector('[data-fixture-count]');
        pill.textContent = pill.textContent.replace(/\((\d+)\)/, (_, n) => `(${Number(n) + 1})`);
        document.querySelector('[data-fixture-sent]').parentElement.append(copy);
      });
      const sent = await browser.waitInBackground((g) => g.chrome.storage.local.get('sent').then(({ sent }) => sent?.entries?.['new-person-1'] && sent));
      assert.equal(Object.keys(sent.entries).length, count + 1);
      assert.deepEqual(Object.values(sent.entries).map((e) => e.state).filter((state) => state !== 'pending'), []);
      await page.close();
    });

    test('a sent invitation that cannot be read is said on the page and in the popup', async () => {
      const page = await openSent();
      // A row with LinkedIn's Withdraw but no invitee to read (no profile link, no name).
      await page.evaluate(() => {
        const row = document.createElement('div');
        row.setAttribute('role', 'listitem');
        const withdraw = document.createElement('button');
        withdraw.setAttribute('aria-label', 'Withdraw');
        withdraw.textContent = 'Withdraw';
        row.append(document.createElement('p'), withdraw);
        row.firstChild.textContent = 'Sent 2 weeks ago';
        document.querySelector('[data-fixture-sent]').parentElement.append(row);
      });
      await page.waitForFunction(() => document.documentElement.dataset.triageUnreadable === '1');
      await browser.waitInBackground((g) => g.chrome.storage.local.get('sent').then(({ sent }) => sent?.unreadable === 1));
      const popup = await browser.openExtensionPage('popup.html');
      await popup.waitForFunction(() => document.querySelector('[data-sent="unreadable"]'));
      assert.match(await popup.textContent('[data-sent="unreadable"]'), /Sent invitations that could not be read: 1\./);
      await popup.close();
      await page.close();
    });

    test('quiet mode: nothing on the Sent tab, and the panel’s batch withdraw still works', async () => {
      await settings({ ...FAST, quiet: true });
      // No status on <html> in quiet mode: the page is opened, not waited for.
      browser.serve({ [new URL(SENT_URL).pathname]: 'sent-current.html' });
      const page = await browser.open(SENT_URL);
      await page.waitForFunction(() => document.querySelectorAll('[data-fixture-sent]').length > 0);
      const cards = await page.evaluate(() =>
        [...document.querySelectorAll('[data-fixture-sent]')].map((c) => ({ name: c.dataset.fixtureName, id: c.dataset.fixtureId, days: Number(c.dataset.fixtureDays) })),
      );
      // Read in full all the same: the ledger has every card.
      await browser.waitInBackground((g, n) => g.chrome.storage.local.get('sent').then(({ sent }) => sent?.status === 'ready' && Object.keys(sent.entries).length === n), cards.length);
      const ours = await page.evaluate(() => ({
        hosts: document.querySelectorAll('[data-triage-ui]').length,
        attributes: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('data-triage')),
      }));
      assert.deepEqual(ours, { hosts: 0, attributes: [] });
      const suggested = cards.filter((c) => c.days >= 30).sort((a, b) => b.days - a.days);
      const panel = await panelWithSuggestions(suggested.length);
      await panel.click('[data-triage-withdraw-start]');
      const batch = await withdrawEnded(panel);
      assert.equal(batch.stopped.why, 'done');
      assert.deepEqual(await page.evaluate(() => window.__fixture.withdrawn), suggested.map((c) => c.name));
      assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('data-triage'))), []);
      await page.close();
      await panel.close();
    });

    test('from Received to Sent and back without a reload: each tab read as what it is', async () => {
      browser.serve({ [new URL(SENT_URL).pathname]: 'sent-current.html' });
      const page = await browser.openInvitations('era-c2.html', { url: INVITATIONS_URL, status: 'ready' });
      const received = await page.evaluate(() => document.querySelectorAll('[data-fixture-card]').length);
      await page.waitForFunction((n) => document.querySelectorAll('[data-fixture-card][data-triage-bucket]').length === n, received);
      await page.evaluate((path) => window.__fixture.navigate(path), new URL(SENT_URL).pathname);
      await page.waitForFunction(
        () => document.querySelectorAll('[data-fixture-sent]').length > 0 && [...document.querySelectorAll('[data-fixture-sent]')].every((c) => c.dataset.triageSentDays === c.dataset.fixtureDays),
      );
      // No received card's paint is left, and the Sent tab's cards carry no bucket.
      assert.equal(await page.evaluate(() => document.querySelectorAll('[data-triage-bucket]').length), 0);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.triageCount), String(await page.evaluate(() => document.querySelectorAll('[data-fixture-sent]').length)));
      const ledger = await stored('sent');
      assert.equal(Object.keys(ledger.entries).length, await page.evaluate(() => document.querySelectorAll('[data-fixture-sent]').length));
      await page.evaluate((path) => window.__fixture.navigate(path), new URL(INVITATIONS_URL).pathname);
      await page.waitForFunction((n) => document.querySelectorAll('[data-fixture-card][data-triage-bucket]').length === n, received);
      assert.equal(await page.evaluate(() => document.querySelectorAll('[data-triage-sent-days]').length), 0);
      await page.close();
    });

    test('the ledger keeps when each was sent, from its age', async () => {
      const page = await openSent();
      const cards = await sentCards(page);
      const { entries } = await stored('sent');
      const now = Date.now();
      for (const c of cards) {
        const days = (now - entries[c.truthId].sent_at) / DAY;
        assert.ok(Math.abs(days - c.truthDays) < 0.1, `${c.name}: ${days}`);
      }
      await page.close();
    });
  });
}
