// Firefox smoke test: the Firefox build (dist-firefox/) installs in Debian's Firefox ESR
// (puppeteer-core over WebDriver BiDi) and the engine, running in the background page, answers a
// fixture page served at LinkedIn's real URL under its current CSP.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { CSP_CURRENT, DIST_FIREFOX, FIXTURES, INVITATIONS_URL, staticAsset } from './harness.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
let browser;
let profile;

before(async () => {
  assert.ok(existsSync(FIREFOX), `${FIREFOX} is installed (build.sh test installs firefox-esr)`);
  profile = await mkdtemp(path.join(tmpdir(), 'invite-triage-ff-'));
  browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false },
  });
  assert.ok(existsSync(path.join(DIST_FIREFOX, 'manifest.json')), 'dist-firefox/ is built (./build.sh)');
  await browser.installExtension(DIST_FIREFOX);
});

after(async () => {
  await browser?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

test('Firefox: the extension installs and the engine answers the page', async () => {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  const foreign = [];
  page.on('request', async (request) => {
    const url = new URL(request.url());
    if (url.hostname === 'www.linkedin.com' && url.pathname === new URL(INVITATIONS_URL).pathname) {
      return request.respond({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': CSP_CURRENT },
        body: await readFile(path.join(FIXTURES, 'era-c2.html'), 'utf8'),
      });
    }
    const asset = staticAsset(url);
    if (asset) {
      return request.respond({ status: 200, contentType: asset.type, body: await readFile(asset.file, 'utf8') });
    }
    if (url.protocol === 'data:' || url.protocol === 'moz-extension:') return request.continue();
    // The site's other paths (the browser asks for /favicon.ico): not found, like the harness.
    if (url.hostname === 'www.linkedin.com') return request.respond({ status: 404, body: 'not a fixture' });
    foreign.push(url.href);
    return request.abort();
  });
  await page.goto(INVITATIONS_URL);
  await page.waitForFunction(() => document.documentElement.dataset.triageStatus === 'ready', {
    timeout: 20_000,
  });
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
  assert.deepEqual(foreign, []);
  await page.close();
});
