// Firefox smoke test: the Firefox build (dist-firefox/) installs in Debian's Firefox ESR
// (puppeteer-core over WebDriver BiDi, through browsers.mjs) and the engine, running in the
// background page, answers a fixture page served at LinkedIn's real URL under its current CSP.
// The suites that run in both browsers are the rest of tests/e2e (see browsers.mjs); this one
// says first and plainly when Firefox itself cannot run the extension.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BROWSERS, launchBrowser } from './browsers.mjs';

const skip = BROWSERS.includes('firefox') ? false : 'BROWSERS leaves Firefox out';
let browser;

before(async () => {
  if (!skip) browser = await launchBrowser('firefox');
});

after(() => browser?.close());

test('Firefox: the extension installs and the engine answers the page', { skip }, async () => {
  const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
  const count = await page.evaluate(() => Number(document.documentElement.dataset.triageCount));
  assert.ok(count >= 6, `every era-c2 card read in Firefox, got ${count}`);
  // The platform layer styled the badges: an adopted sheet, or its style-element fallback.
  const styled = await page.evaluate(() => {
    const shadow = document.querySelector('[data-triage-ui]').shadowRoot;
    const badge = shadow.querySelector('[data-triage-badge]');
    return { sheets: shadow.adoptedStyleSheets.length + shadow.querySelectorAll('style').length, radius: getComputedStyle(badge).borderRadius };
  });
  assert.deepEqual(styled, { sheets: 1, radius: '14px' }, 'the badge wears badge-style.js');
  // Painted from the plan's fields: the bucket's word from its message key, signed points.
  const painted = await page.evaluate(() =>
    [...document.querySelectorAll('[data-triage-id]')].map((card) => {
      const shadow = card.querySelector(':scope > [data-triage-ui]')?.shadowRoot;
      shadow?.querySelector('[data-triage-badge]')?.dispatchEvent(new MouseEvent('mouseenter')); // fills the reasons
      return {
        error: card.dataset.triageError ?? null,
        badge: shadow?.querySelector('[data-triage-badge]')?.textContent ?? null,
        points: shadow?.querySelector('[data-triage-reasons] li .pts')?.textContent ?? null,
      };
    }),
  );
  for (const card of painted) {
    assert.equal(card.error, null);
    assert.match(card.badge, /^(Accept|Review|Ignore)\d+$/);
    assert.match(card.points, /^([+-]\d+|0)$/);
  }
  assert.deepEqual(browser.requests.foreign, [], 'nothing but the fixture was asked for');
  await page.close();
});
