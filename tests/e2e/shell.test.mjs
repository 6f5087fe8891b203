// The shell: one writer for storage, a queue that follows LinkedIn, no work for nothing, stored
// data that survives a bad entry, and an engine trap that keeps the user's unsaved work.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CSP_CURRENT, FIXTURES, INVITATIONS_URL, launch, openExtensionPage, openInvitations, trapEngineIn } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

const worker = () => browser.context.serviceWorkers()[0];
const stored = (key) => worker().evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);
const forget = () => worker().evaluate(() => chrome.storage.local.clear());

/**
 * Waits until `storage.local` satisfies `predicate(all, arg)` (checked here), waking on each
 * storage change in the worker; never sleeps for a guess.
 */
async function storedWhen(predicate, arg, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const all = await worker().evaluate(() => chrome.storage.local.get(null));
    if (predicate(all, arg)) return all;
    if (Date.now() > deadline) assert.fail(`storage never got there: ${JSON.stringify(all).slice(0, 400)}`);
    // Wake on the next change, or at once if one happened since `all` was read.
    await worker().evaluate(
      ([seen, ms]) =>
        new Promise((resolve) => {
          const done = () => {
            chrome.storage.onChanged.removeListener(done);
            resolve();
          };
          chrome.storage.onChanged.addListener(done);
          chrome.storage.local.get(null).then((now) => JSON.stringify(now) !== seen && done());
          setTimeout(done, ms); // the deadline, not a guess: the loop checks again and fails
        }),
      [JSON.stringify(all), Math.max(0, deadline - Date.now())],
    );
  }
}

/** Counts, in the worker, the engine's triage requests and the storage.local writes. */
function countWork() {
  return worker().evaluate(() => {
    globalThis.__work = { triage: 0, writes: 0 };
    globalThis.__realSend ??= chrome.runtime.sendMessage;
    globalThis.__realSet ??= chrome.storage.local.set;
    chrome.runtime.sendMessage = function counted(...args) {
      if (args[0]?.target === 'engine' && args[0].op === 'triage') globalThis.__work.triage += 1;
      return globalThis.__realSend.apply(chrome.runtime, args);
    };
    chrome.storage.local.set = function counted(...args) {
      globalThis.__work.writes += 1;
      return globalThis.__realSet.apply(chrome.storage.local, args);
    };
  });
}
const work = () => worker().evaluate(() => globalThis.__work);
const stopCounting = () =>
  worker().evaluate(() => {
    chrome.runtime.sendMessage = globalThis.__realSend;
    chrome.storage.local.set = globalThis.__realSet;
  });

test('30 actions clicked as fast as a script can click, across cards, give 30 records', async () => {
  await forget();
  const page = await openInvitations(browser, 'era-c2.html', { status: 'ready' });
  await page.evaluate(() => window.__fixture.appendCards(24));
  await page.waitForFunction(() => document.querySelectorAll('[data-triage-id]').length === 30);
  const ids = await page.evaluate(() => {
    const cards = [...document.querySelectorAll('[data-fixture-card]')];
    // One click per card, all in one task: "Review later" records a decision, clicks nothing.
    for (const card of cards) card.querySelector(':scope > [data-triage-ui]').shadowRoot.querySelector('[data-triage-action="later"]').click();
    return cards.map((c) => c.dataset.triageId);
  });
  assert.equal(new Set(ids).size, 30);
  const all = await storedWhen((s) => (s.history ?? []).length >= 30);
  assert.equal(all.history.length, 30, 'one record per click');
  assert.deepEqual(new Set(all.history.map((h) => h.id)), new Set(ids));
  for (const id of ids) assert.equal(all.memory.decisions[id], 'later', `${id} decided`);
  await page.close();
  await forget();
});

test('an invitation accepted with LinkedIn’s own button is resolved, and leaves the counts', async () => {
  await forget();
  const page = await openInvitations(browser, 'era-c2.html', { status: 'ready' });
  const card = page.locator('[data-fixture-card]').nth(1);
  const id = await card.getAttribute('data-fixture-id');
  await storedWhen((s, want) => Boolean(s.queue?.cards?.[want]), id);
  const popupCounts = async () => {
    const popup = await openExtensionPage(browser, 'popup.html');
    await popup.locator('.counts').waitFor();
    const total = await popup.locator('.count strong').evaluateAll((els) => els.reduce((n, el) => n + Number(el.textContent), 0));
    await popup.close();
    return total;
  };
  const before = await popupCounts();
  // LinkedIn's Accept, not ours: the fixture takes the card away 50 ms later.
  await card.locator('button[aria-label^="Accept"]').click();
  const all = await storedWhen((s, want) => Boolean(s.queue?.cards?.[want]?.resolved), id);
  assert.equal(all.queue.cards[id].resolved.how, 'accepted');
  assert.equal(await popupCounts(), before - 1, 'the popup counts one fewer');
  // A card that turns into "… is now a connection" is resolved too (read so by the engine).
  const other = page.locator('[data-fixture-card]').nth(2);
  const otherId = await other.getAttribute('data-fixture-id');
  await other.evaluate((c) => {
    const line = document.createElement('p');
    line.textContent = `${c.dataset.fixtureName} is now a connection`;
    c.replaceChildren(line);
  });
  const again = await storedWhen((s, want) => Boolean(s.queue?.cards?.[want]?.resolved), otherId);
  assert.equal(again.queue.cards[otherId].resolved.how, 'accepted');
  assert.equal(await other.evaluate((c) => c.querySelector('[data-triage-ui]')), null, 'our suggestions left it');
  await page.close();
  await forget();
});

test('changes outside the invitation lists cost no pass: no engine call, no write', async () => {
  await forget();
  const page = await openInvitations(browser, 'era-c2.html', { status: 'ready' });
  await storedWhen((s) => Object.keys(s.queue?.cards ?? {}).length === 6);
  await countWork();
  try {
    // A clock in the nav, a notification count, a chat overlay: 60 changes, one per frame.
    await page.evaluate(async () => {
      const nav = document.querySelector('header nav') ?? document.body;
      const clock = nav.appendChild(document.createElement('span'));
      const badge = nav.appendChild(document.createElement('span'));
      for (let i = 0; i < 60; i++) {
        clock.textContent = `12:${String(i).padStart(2, '0')}`;
        badge.textContent = String(i);
        if (i % 10 === 0) {
          const chat = document.body.appendChild(document.createElement('aside'));
          chat.textContent = `New message ${i}`;
          if (i % 20 === 0) chat.remove();
        }
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    });
    // Then one change that does concern invitations: its pass must be the only one.
    await page.evaluate(() => window.__fixture.appendCards(1));
    await page.waitForFunction(() => document.querySelectorAll('[data-triage-id]').length === 7);
    await storedWhen((s) => Object.keys(s.queue?.cards ?? {}).length === 7);
    const counted = await work();
    assert.equal(counted.triage, 1, 'one engine call, for the new card');
    assert.equal(counted.writes, 1, 'one storage write, for the new card');
  } finally {
    await stopCounting();
  }
  await page.close();
  await forget();
});

test('a malformed stored entry is skipped, and the rest is kept', async () => {
  await forget();
  const page = await openInvitations(browser, 'era-c2.html', { status: 'ready' });
  const all = await storedWhen((s) => Object.keys(s.queue?.cards ?? {}).length === 6);
  const ids = Object.keys(all.queue.cards);
  await worker().evaluate(async (first) => {
    const { queue } = await chrome.storage.local.get('queue');
    queue.cards['broken-entry'] = { name: 7, bucket: 'maybe', score: 'high' };
    const history = [
      { id: first, action: 'accept', at: Date.now() },
      { id: 'bad', action: 42 },
    ];
    const memory = { notes: { [first]: 'Met at RustConf', bad: { not: 'a note' } }, decisions: {} };
    await chrome.storage.local.set({ queue, history, memory });
  }, ids[0]);
  const popup = await openExtensionPage(browser, 'popup.html');
  await popup.locator('.counts').waitFor();
  const total = await popup.locator('.count strong').evaluateAll((els) => els.reduce((n, el) => n + Number(el.textContent), 0));
  assert.equal(total, 6, 'the six good cards still count (one was accepted, none lost)');
  assert.match(await popup.locator('.week').textContent(), /This week: 1 of 30 accepts/, 'the good history item counts');
  assert.match(await popup.locator('.list.notes').textContent(), /Met at RustConf/, 'the good note shows');
  await popup.close();
  await page.close();
  await forget();
});

test('an engine trap in the options page keeps the unsaved edits and the preview working', async () => {
  const options = await openExtensionPage(browser, 'options.html');
  await options.locator('#preview-verdict').waitFor();
  const field = options.locator('textarea, input[type="text"]').first();
  await field.fill('unsaved edit 123');
  await options.evaluate(() => {
    window.__sameDocument = true;
  });
  const trapped = await trapEngineIn(options);
  assert.equal(trapped.restarted, true);
  // The next request is answered by the engine host, and the page was never reloaded.
  const next = await options.evaluate(async () => (await import('./engine.js')).handle({ op: 'defaults' }));
  assert.ok(next.settings?.version >= 1, 'a fresh engine answers');
  assert.equal(await options.evaluate(() => window.__sameDocument), true, 'not reloaded');
  assert.equal(await field.inputValue(), 'unsaved edit 123', 'the edit is still there');
  await options.close();
});

test('an invitation missing from a complete read of the same list is resolved', async () => {
  await forget();
  const page = await openInvitations(browser, 'era-c2.html', { status: 'ready' });
  const all = await storedWhen((s) => Object.keys(s.queue?.cards ?? {}).length === 6);
  const ids = Object.keys(all.queue.cards).sort();
  await page.close();
  // The next visit: LinkedIn shows five ("Focused (5)"): one was resolved elsewhere meanwhile.
  let body = await readFile(path.join(FIXTURES, 'era-c2.html'), 'utf8');
  body = body.replace('Focused (6)', 'Focused (5)');
  const start = body.indexOf('<div role="listitem"', body.indexOf('data-fixture-template') + 1);
  const end = body.indexOf('<div role="listitem"', start + 1);
  const gone = /data-fixture-id="([^"]+)"/.exec(body.slice(start, end))[1];
  body = body.slice(0, start) + body.slice(end);
  const again = await browser.context.newPage();
  await again.route(INVITATIONS_URL, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': CSP_CURRENT }, body }),
  );
  await again.goto(INVITATIONS_URL);
  await again.waitForFunction(() => document.documentElement.dataset.triageStatus === 'ready');
  await again.close();
  assert.ok(ids.includes(gone));
  const after = await storedWhen((s, id) => Boolean(s.queue?.cards?.[id]?.resolved), gone);
  assert.equal(after.queue.cards[gone].resolved.how, 'gone');
  const stillWaiting = ids.filter((id) => id !== gone);
  for (const id of stillWaiting) assert.equal(after.queue.cards[id].resolved, undefined, `${id} still waits`);
  await forget();
});
