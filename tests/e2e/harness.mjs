// End-to-end harness: Debian's Chromium with dist/ loaded, fixture pages served at the real
// LinkedIn URLs through request routing, under LinkedIn's current kind of CSP. Nothing reaches
// the network: every other request is refused and recorded, so tests can prove we send none.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const DIST = path.join(ROOT, 'dist');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
export const INVITATIONS_URL = 'https://www.linkedin.com/mynetwork/invitation-manager/';

/** LinkedIn's policy since December 2024: script hashes and static hosts, no eval, no wasm. */
export const CSP_CURRENT =
  "default-src *; script-src 'report-sample' 'sha256-AAAA' static.licdn.com; object-src 'none'; " +
  "img-src data: blob: *; style-src 'unsafe-inline' 'self' static-src.linkedin.com *.licdn.com; " +
  "frame-ancestors 'self'";
/** The permissive policy of 2021–2023 captures. */
export const CSP_LEGACY =
  "default-src *; script-src 'self' 'unsafe-inline' 'unsafe-eval' static.licdn.com; " +
  "object-src 'none'; img-src data: blob: *; style-src 'unsafe-inline' 'self' *.licdn.com";
/** The strictest plausible policy: nothing by default, no inline style, Trusted Types required. */
export const CSP_STRICTEST =
  "default-src 'none'; script-src 'nonce-fixture' static.licdn.com; img-src data:; " +
  "style-src 'nonce-fixture'; require-trusted-types-for 'script'; trusted-types 'none'";

/** Content types of the fixture assets served from static.licdn.com. */
const ASSET_TYPES = { '.js': 'text/javascript', '.css': 'text/css' };

/**
 * The fixture script or stylesheet a `https://static.licdn.com/fixture/<name>` URL names (the
 * pages' stand-ins for LinkedIn's own static files), or null.
 */
export function staticAsset(url) {
  if (url.hostname !== 'static.licdn.com' || !url.pathname.startsWith('/fixture/')) return null;
  const name = path.basename(url.pathname);
  const type = ASSET_TYPES[path.extname(name)];
  return type ? { file: path.join(FIXTURES, name), type } : null;
}

/**
 * Launches Chromium with the unpacked extension. Returns `{context, extensionId, requests,
 * consoleErrors, close}`; `routes` maps URL paths on www.linkedin.com to fixture files.
 * The benchmarks also pass `alongside` (more unpacked extensions), `args` (more Chromium
 * switches) and `serveOther(url)`, which may answer a request for another host with
 * `{body, contentType, headers}`.
 */
export async function launch({ routes = {}, csp = CSP_CURRENT, alongside = [], args = [], serveOther } = {}) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'invite-triage-'));
  const extensions = [DIST, ...alongside].join(',');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: process.env.HEADED ? false : true,
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${extensions}`,
      `--load-extension=${extensions}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
    ignoreDefaultArgs: ['--disable-extensions'],
  });
  const requests = { foreign: [], served: [] };
  const consoleErrors = [];
  const state = { routes: { ...routes }, csp };

  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'chrome-extension:' || url.protocol === 'data:') return route.continue();
    const asset = staticAsset(url);
    if (asset) {
      requests.served.push(url.href);
      return route.fulfill({ contentType: asset.type, body: await readFile(asset.file) });
    }
    if (url.hostname === 'www.linkedin.com') {
      const file = state.routes[url.pathname];
      requests.served.push(url.href);
      if (!file) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not a fixture' });
      return route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': state.csp },
        body: await readFile(path.join(FIXTURES, file)),
      });
    }
    const other = await serveOther?.(url);
    if (other) {
      requests.served.push(url.href);
      return route.fulfill(other);
    }
    requests.foreign.push(url.href);
    return route.abort('blockedbyclient');
  });

  // Ours is the extension with a service worker (the benchmark's floor has none).
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;

  context.on('page', (page) => watchConsole(page, consoleErrors));
  for (const page of context.pages()) watchConsole(page, consoleErrors);

  return {
    context,
    extensionId,
    requests,
    consoleErrors,
    /** Changes the routes or policy for later page loads. */
    serve(routesOrFile, cspOverride) {
      if (typeof routesOrFile === 'string') state.routes[new URL(INVITATIONS_URL).pathname] = routesOrFile;
      else Object.assign(state.routes, routesOrFile);
      if (cspOverride) state.csp = cspOverride;
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

function watchConsole(page, sink) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') sink.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => sink.push(`${page.url()}: ${err.message}`));
}

/** Opens one of the extension's own pages (`popup.html`, `options.html`, …) in a new tab. */
export async function openExtensionPage(browser, file) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
  return page;
}

/** Saves a settings document (or `null`) through the extension's storage.js, from `page`. */
export function saveSettingsFrom(page, settings) {
  return page.evaluate(async (s) => (await import('./storage.js')).saveSettings(s), settings);
}

/** Opens a fixture at the invitations URL (or `url`) and waits for the triage status. */
export async function openInvitations(browser, fixture, { url = INVITATIONS_URL, status } = {}) {
  browser.serve({ [new URL(url).pathname]: fixture });
  const page = await browser.context.newPage();
  await page.goto(url);
  await waitForStatus(page, status);
  return page;
}

/** Waits until `<html data-triage-status>` is set (to `status`, if given). */
export async function waitForStatus(page, status, timeout = 10_000) {
  await page.waitForFunction(
    (want) => {
      const s = document.documentElement.dataset.triageStatus;
      return want ? s === want : Boolean(s);
    },
    status,
    { timeout },
  );
  return page.evaluate(() => document.documentElement.dataset.triageStatus);
}

/** What the extension shows on each card, read back from the page (the page contract). */
export function readTriage(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-triage-id]')].map((card) => {
      const shadow = card.querySelector(':scope > [data-triage-ui]')?.shadowRoot;
      return {
        id: card.dataset.triageId,
        bucket: card.dataset.triageBucket,
        score: Number(card.dataset.triageScore),
        badge: shadow?.querySelector('[data-triage-badge]')?.textContent ?? null,
        label: shadow?.querySelector('[data-triage-badge]')?.getAttribute('aria-label') ?? null,
        reasons: [...(shadow?.querySelectorAll('[data-triage-reasons] li') ?? [])].map((li) => li.textContent),
        actions: [...(shadow?.querySelectorAll('[data-triage-action]') ?? [])].map((b) => b.dataset.triageAction),
        hosts: card.querySelectorAll('[data-triage-ui]').length,
      };
    }),
  );
}
