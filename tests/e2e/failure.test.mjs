// Failure modes: the engine host killed mid-run, the worker stopped mid-batch, the engine
// trapping, the strictest page CSP. The page must recover by itself or say why it cannot, and
// never paint a card twice or leave one half-painted.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CSP_CURRENT, CSP_STRICTEST, launch, openExtensionPage, openInvitations, readTriage, saveSettingsFrom, trapEngineIn, waitForStatus } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

const worker = () => browser.context.serviceWorkers()[0];

/** Every card painted exactly once: one UI host, a bucket, a score and six actions. */
function assertWhole(rows, expected) {
  assert.equal(rows.length, expected, 'every card is painted');
  for (const row of rows) {
    assert.equal(row.hosts, 1, `${row.id}: one badge`);
    assert.ok(['accept', 'review', 'ignore'].includes(row.bucket), `${row.id}: a bucket`);
    assert.equal(row.actions.length, 6, `${row.id}: every action`);
  }
}

const appendCards = (page, n) => page.evaluate((k) => window.__fixture.appendCards(k), n);
const cardCount = (page) => page.evaluate(() => document.querySelectorAll('[data-fixture-card]').length);
const paintedCount = (page) => page.evaluate(() => document.querySelectorAll('[data-triage-id]').length);

/**
 * Fault injection in the worker, around the `chrome.runtime.sendMessage` it reaches the engine
 * host with: `kill-host-once` closes the offscreen document right after the next triage request
 * was sent to it; `refuse` fails every request to the host.
 */
const injectFault = (fault) =>
  worker().evaluate((mode) => {
    globalThis.__send ??= chrome.runtime.sendMessage;
    globalThis.__hostKills = 0;
    globalThis.__stalled = false;
    const send = (args) => globalThis.__send.apply(chrome.runtime, args);
    chrome.runtime.sendMessage = (...args) => {
      const toHost = args[0]?.target === 'engine';
      if (toHost && mode === 'refuse') return Promise.reject(new Error('host unavailable (test)'));
      if (toHost && mode === 'stall-once' && args[0].op === 'triage' && !globalThis.__stalled) {
        globalThis.__stalled = true;
        return new Promise(() => {}); // this answer never comes
      }
      if (toHost && mode === 'slow-once' && args[0].op === 'triage' && !globalThis.__stalled) {
        globalThis.__stalled = true;
        return new Promise((resolve) => setTimeout(resolve, 800)).then(() => send(args));
      }
      const reply = send(args);
      if (toHost && mode === 'kill-host-once' && args[0].op === 'triage' && !globalThis.__hostKills) {
        globalThis.__hostKills = 1;
        chrome.offscreen.closeDocument();
      }
      return reply;
    };
  }, fault);
const removeFault = () =>
  worker().evaluate(() => {
    if (globalThis.__send) chrome.runtime.sendMessage = globalThis.__send;
  });

test('the engine host killed in the middle of a run: the page recovers by itself', async () => {
  const page = await openInvitations(browser, 'era-c2.html', { status: 'ready' });
  await injectFault('kill-host-once');
  try {
    const killedAt = Date.now();
    await appendCards(page, 200);
    const expected = await cardCount(page);
    await page.waitForFunction((n) => document.querySelectorAll('[data-triage-id]').length === n, expected, {
      timeout: 5000,
    });
    const recoveredIn = Date.now() - killedAt;
    assert.equal(await worker().evaluate(() => globalThis.__hostKills), 1, 'the host was killed during the run');
    assert.equal(await waitForStatus(page), 'ready');
    assertWhole(await readTriage(page), expected);
    assert.ok(recoveredIn < 3000, `recovered in ${recoveredIn} ms`);
  } finally {
    await removeFault();
    await page.close();
  }
});

test('the worker stopped mid-batch: the page recovers by itself', async () => {
  const page = await openInvitations(browser, 'era-c2.html', { status: 'ready' });
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await appendCards(page, 300);
  await cdp.send('ServiceWorker.stopAllWorkers');
  const expected = await cardCount(page);
  await page.waitForFunction((n) => document.querySelectorAll('[data-triage-id]').length === n, expected, {
    timeout: 8000,
  });
  assert.equal(await waitForStatus(page), 'ready');
  assertWhole(await readTriage(page), expected);
  await cdp.detach();
  await page.close();
});

test('an answer that never comes: the request is sent again and the page recovers', async () => {
  const page = await openInvitations(browser, 'era-c2.html', { status: 'ready' });
  await injectFault('stall-once');
  try {
    await appendCards(page, 4);
    const expected = await cardCount(page);
    await page.waitForFunction((n) => document.querySelectorAll('[data-triage-id]').length === n, expected, {
      timeout: 10_000,
    });
    assert.equal(await worker().evaluate(() => globalThis.__stalled), true, 'the first answer was lost');
    assert.equal(await waitForStatus(page), 'ready');
    assertWhole(await readTriage(page), expected);
  } finally {
    await removeFault();
    await page.close();
  }
});

test('rules saved while a pass is in flight re-score every card, not only the new ones', async () => {
  const page = await openInvitations(browser, 'era-c2.html', { status: 'ready' });
  const card = page.locator('[data-fixture-card]').nth(3);
  const id = await card.getAttribute('data-triage-id');
  assert.notEqual(await card.getAttribute('data-triage-bucket'), 'accept');
  const options = await openExtensionPage(browser, 'options.html');
  await injectFault('slow-once');
  try {
    await appendCards(page, 2); // a pass that sends the painted cards as stubs, answered late
    await saveSettingsFrom(options, { version: 1, rules: { always_accept: [id] } });
    await page.waitForFunction((i) => document.querySelector(`[data-triage-id="${i}"]`)?.dataset.triageBucket === 'accept', id, {
      timeout: 8000,
    });
    assert.equal(await worker().evaluate(() => globalThis.__stalled), true, 'the pass was in flight');
  } finally {
    await removeFault();
    await saveSettingsFrom(options, { version: 1 });
    await options.close();
    await page.close();
  }
});

test('an engine that traps says so, and its host page restarts it fresh', async () => {
  // The engine host (here a second copy of the offscreen document, opened as a tab) reloads.
  const page = await openExtensionPage(browser, 'offscreen.html');
  const html = '<body><main><p>nothing to read</p></main></body>';
  const triage = () =>
    page.evaluate(async (snapshot) => (await import('./engine.js')).handle({ op: 'triage', html: snapshot }), html);
  assert.equal((await triage()).plan?.status, 'no-invitations');
  const reloaded = page.waitForEvent('load');
  const trapped = await trapEngineIn(page, html);
  assert.equal(trapped.restarted, true);
  assert.match(trapped.error, /engine stopped/);
  await reloaded;
  assert.equal((await triage()).plan?.status, 'no-invitations', 'a fresh engine answers');
  await page.close();
});

test('an engine that cannot run shows blocked with a reason, and the next pass recovers', async () => {
  const page = await openInvitations(browser, 'era-c2.html', { status: 'ready' });
  const expected = await cardCount(page);
  // The worker loses its engine host for good: every request to it fails.
  await injectFault('refuse');
  try {
    await appendCards(page, 5);
    assert.equal(await waitForStatus(page, 'blocked'), 'blocked');
    // The reason is written by the worker after the page shows `blocked`: wait for it.
    const reason = await worker().evaluate(
      () =>
        new Promise((resolve) => {
          const check = async () => {
            const found = (await chrome.storage.local.get('queue')).queue?.reason;
            if (!found) return;
            chrome.storage.onChanged.removeListener(check);
            resolve(found);
          };
          chrome.storage.onChanged.addListener(check); // listening first: no change is missed
          check();
        }),
    );
    assert.match(reason, /host unavailable \(test\)/, 'the popup is told why');
    assert.equal(await paintedCount(page), expected, 'the new cards are not half-painted');
  } finally {
    await removeFault();
  }
  await appendCards(page, 1);
  assert.equal(await waitForStatus(page, 'ready'), 'ready');
  assertWhole(await readTriage(page), expected + 6);
  await page.close();
});

test('under the strictest page CSP (nonces only, Trusted Types required) triage works', async () => {
  browser.serve({}, CSP_STRICTEST);
  try {
    const errors = browser.consoleErrors.length;
    const page = await openInvitations(browser, 'era-c2.html', { status: 'ready' });
    const enforced = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return false;
      } catch {
        return true;
      }
    });
    assert.ok(enforced, 'the page really requires Trusted Types');
    const rows = await readTriage(page);
    assertWhole(rows, await cardCount(page));
    const styled = await page.evaluate(() => {
      const badge = document.querySelector('[data-triage-ui]').shadowRoot.querySelector('[data-triage-badge]');
      return getComputedStyle(badge).borderRadius;
    });
    assert.notEqual(styled, '0px', 'our styles apply in the shadow root');
    const violations = browser.consoleErrors.slice(errors).filter((e) => /Trusted Type|Content Security Policy/i.test(e));
    assert.deepEqual(violations, []);
    await page.close();
  } finally {
    browser.serve({}, CSP_CURRENT);
  }
});
