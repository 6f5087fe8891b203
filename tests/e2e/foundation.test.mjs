// The foundation: the extension loads, the engine answers the page under LinkedIn's current
// and older CSP, and the popup and options pages render without errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CSP_CURRENT, CSP_LEGACY, launch, openInvitations } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

for (const [name, csp] of [
  ['current (hashes, no eval)', CSP_CURRENT],
  ['legacy (unsafe-eval)', CSP_LEGACY],
]) {
  test(`the engine answers the page under LinkedIn's ${name} CSP`, async () => {
    browser.serve({}, csp);
    const page = await openInvitations(browser, 'era-c2.html');
    const status = await page.evaluate(() => document.documentElement.dataset.triageStatus);
    assert.equal(status, 'ready');
    const count = Number(await page.evaluate(() => document.documentElement.dataset.triageCount));
    assert.ok(count >= 6, `expected every era-c2 card read, got ${count}`);
    await page.close();
  });
}

test('the popup and options pages render with no console errors', async () => {
  const errorsBefore = browser.consoleErrors.length;
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.locator('#view button.primary').waitFor();
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.locator('#view > *').first().waitFor();
  assert.deepEqual(browser.consoleErrors.slice(errorsBefore), []);
  await popup.close();
  await options.close();
});

test('no request leaves the browser', () => {
  assert.deepEqual(browser.requests.foreign, []);
});
