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
/** The unpacked Chromium extension (`./build.sh` writes it, and dist-firefox/ for Firefox). */
export const DIST = path.join(ROOT, 'dist');
/** The unpacked Firefox extension; `FIREFOX_DIST=dir` installs another build. */
export const DIST_FIREFOX = process.env.FIREFOX_DIST ?? path.join(ROOT, 'dist-firefox');
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
 * switches), `serveOther(url)`, which may answer a request for another host with
 * `{body, contentType, headers}`, and `dist` (another build of the extension, to compare).
 */
export async function launch({ routes = {}, csp = CSP_CURRENT, alongside = [], args = [], serveOther, dist = DIST } = {}) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'invite-triage-'));
  const extensions = [dist, ...alongside].join(',');
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

/**
 * Opens one of the extension's own pages (`popup.html`, `options.html`, …) in a new tab; for a
 * browser from browsers.mjs, through its own `openExtensionPage`.
 */
export async function openExtensionPage(browser, file) {
  if (browser.openExtensionPage) return browser.openExtensionPage(file);
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
  return page;
}

/**
 * A clean slate between two tests of one browser: the pages a failed test left open are
 * closed (their passes would write over the next test's queue), storage is cleared through the
 * worker's one writer ("Delete everything", after every write still queued) and once more
 * directly, and the settings are the defaults. `options` is an open extension page, kept.
 */
export async function freshStart(browser, options) {
  for (const p of browser.pages()) if (p !== options) await p.close();
  await options.evaluate(() => chrome.runtime.sendMessage({ type: 'forget' }));
  await browser.background((g) => g.chrome.storage.local.clear());
  await saveSettingsFrom(options, null);
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
      // The reasons are filled when first shown: show them as a pointer passing over would.
      const badge = shadow?.querySelector('[data-triage-badge]');
      badge?.dispatchEvent(new MouseEvent('mouseenter'));
      badge?.dispatchEvent(new MouseEvent('mouseleave'));
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

// ---------------------------------------------------------------- what the reader saw

/** Extension pages kept open to ask the engine for inspections, one per browser. */
const inspectors = new WeakMap();

/**
 * Asks the engine what its reader sees in `html` (a snapshot whose elements carry `data-ti`):
 * `{parents, unreadable, cards}`, through engine.js's `handle({op: 'inspect'})` on an extension
 * page, as the engine host would answer it.
 */
export async function inspect(browser, html) {
  let opening = inspectors.get(browser);
  if (!opening) {
    opening = openExtensionPage(browser, 'popup.html');
    inspectors.set(browser, opening);
  }
  let page = await opening;
  if (page.isClosed()) {
    inspectors.delete(browser);
    return inspect(browser, html);
  }
  const reply = await page.evaluate(async (h) => (await import('./engine.js')).handle({ op: 'inspect', html: h }), html);
  if (reply?.error) throw new Error(`the engine could not inspect the snapshot: ${reply.error}`);
  return reply.inspection;
}

/**
 * Runs in the page: numbers a copy of `<body>`'s elements in document order (`data-ti`), like the
 * content script, and serializes it inside `<html>` with `document.documentElement`'s own
 * attributes. With `drop`, what the content script leaves out of its snapshots is removed from
 * the copy. Returns `{html, parents, tags}`: the live DOM's parent index of every element (-1
 * for `<body>`) and its tag, by index.
 */
function snapshotInPage(drop) {
  const DROP = 'script, style, link, meta, noscript, template, iframe, svg, video, [data-triage-ui]';
  const live = Array.from(document.body.getElementsByTagName('*'));
  const copy = document.body.cloneNode(true);
  const copies = copy.getElementsByTagName('*');
  for (let i = 0; i < copies.length; i++) copies[i].setAttribute('data-ti', i);
  if (drop) for (const node of copy.querySelectorAll(DROP)) node.remove();
  const index = new Map(live.map((el, i) => [el, i]));
  const escape = (v) =>
    v.replace(/&/g, '&amp;').replace(/\u00a0/g, '&nbsp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const attrs = [...document.documentElement.attributes].map((a) => ` ${a.name}="${escape(a.value)}"`).join('');
  return {
    html: `<html${attrs}>${copy.outerHTML}</html>`,
    parents: live.map((el) => index.get(el.parentElement) ?? -1),
    tags: live.map((el) => el.localName),
  };
}

/** The page's snapshot as `snapshotInPage` builds it (see there). */
export function snapshotOf(page, { drop = false } = {}) {
  return page.evaluate(snapshotInPage, drop);
}

/**
 * The live DOM as the parser's oracle: every element of the page, numbered and serialized, must
 * have in the engine's tree the parent it has in the live DOM. Returns `{elements, mismatches}`,
 * each mismatch `{index, tag, parentTag, live, engine}` (parent indices; -1 = `<body>`, -2 = not
 * in the engine's tree), at most `limit` of them.
 */
export async function oracle(browser, page, { limit = 20 } = {}) {
  const { html, parents, tags } = await snapshotOf(page);
  const seen = await inspect(browser, html);
  const mismatches = [];
  let count = 0;
  for (let i = 0; i < Math.max(parents.length, seen.parents.length); i++) {
    const live = i < parents.length ? parents[i] : -2;
    const engine = seen.parents[i] ?? -2;
    if (live === engine) continue;
    count += 1;
    if (mismatches.length < limit) {
      mismatches.push({ index: i, tag: tags[i] ?? null, parentTag: live >= 0 ? tags[live] : live === -1 ? 'body' : null, live, engine });
    }
  }
  return { elements: parents.length, count, mismatches };
}

/**
 * Runs in the page: the fixture's ground truth (the `data-fixture-*` attributes, see
 * tests/fixtures/README.md) with each card's root index, what the extension painted, and the
 * snapshot the content script would send, all read at the same moment.
 */
function truthInPage(snapshot) {
  const live = Array.from(document.body.getElementsByTagName('*'));
  const index = new Map(live.map((el, i) => [el, i]));
  const onPage = (attr) => document.body.getAttribute(attr) ?? document.querySelector('[data-fixture-list]')?.getAttribute(attr) ?? null;
  const cards = [...document.querySelectorAll('[data-fixture-card]')].map((card, n) => {
    const get = (name) => card.getAttribute(`data-fixture-${name}`);
    return {
      n,
      root: index.get(card),
      name: get('name'),
      id: get('id'),
      kind: get('kind'),
      headline: get('headline'),
      note: get('note'),
      mutual: get('mutual') === null ? null : Number(get('mutual')),
      mutualNames: (get('mutual-names') ?? '').split('|').filter(Boolean),
      days: get('days') === null ? null : Number(get('days')),
      photo: get('photo'),
      target: get('target'),
      inviter: get('inviter'),
      painted: { id: card.getAttribute('data-triage-id'), hosts: card.querySelectorAll('[data-triage-ui]').length },
    };
  });
  return {
    cards,
    unreadable: Number(onPage('data-fixture-unreadable') ?? 0),
    status: onPage('data-fixture-status'),
    painted: { status: document.documentElement.dataset.triageStatus ?? null, count: document.documentElement.dataset.triageCount ?? null },
    snapshot: snapshot(true).html,
  };
}

/**
 * The page's ground truth: `{cards, unreadable, status, painted, snapshot}`; `status` is the
 * expected `data-triage-status` (from `data-fixture-status`, else what the cards imply).
 */
export async function fixtureTruth(page) {
  // One expression, so the truth and the snapshot are read at the same moment (CDP evaluates it,
  // unhindered by the page's CSP).
  const truth = await page.evaluate(`(${truthInPage})(${snapshotInPage})`);
  truth.status ??= expectedStatus(truth);
  return truth;
}

function expectedStatus(truth) {
  if (truth.cards.some((c) => c.id)) return 'ready';
  return truth.unreadable > 0 ? 'unrecognized' : 'no-invitations';
}

// Text as the engine reports it: whitespace folded (Rust's White_Space), invisible characters
// removed (parse::is_invisible), names, headlines and notes cut at the engine's byte limits.
const WHITE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;
export const fold = (text) =>
  text
    .split(WHITE_SPACE)
    .map((w) => w.replace(INVISIBLE, ''))
    .filter(Boolean)
    .join(' ');
/** The engine's limits, in UTF-8 bytes: parse.rs's MAX_NAME, MAX_HEADLINE and MAX_TEXT. */
const MAX = { name: 200, headline: 600, note: 4000 };
function cut(text, max) {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= max) return text;
  let end = max;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end -= 1;
  return new TextDecoder().decode(bytes.slice(0, end)).replace(/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u, '');
}
function show(value) {
  const s = JSON.stringify(value) ?? 'undefined';
  const chars = [...s];
  return chars.length <= 160 ? s : `${chars.slice(0, 100).join('')}…${chars.slice(-40).join('')} (${chars.length} chars)`;
}

/**
 * Everything on the page that differs from its ground truth, as lines naming the card and the
 * field: each card's fields as the engine reads them from the live snapshot (through
 * `inspect`), its painted `data-triage-id` and its one `[data-triage-ui]`, the unreadable
 * count, `data-triage-status` and `data-triage-count`. `label` names the page; with `from`,
 * only cards from that position on are compared field by field (the page-level checks still
 * cover all). Empty when all is right; a chaos test can call it after every step.
 */
export async function truthMismatches(browser, page, label, { from = 0 } = {}) {
  const truth = await fixtureTruth(page);
  const seen = await inspect(browser, truth.snapshot);
  const out = [];
  const readable = truth.cards.filter((c) => c.id);
  for (const card of truth.cards.slice(from)) {
    const at = `${label} card ${card.n} (${JSON.stringify(card.name)}, root ${card.root})`;
    const got = seen.cards.find((c) => c.root === card.root);
    if (!card.id) {
      if (got) out.push(`${at}: cannot be read (data-fixture-id="") but was read as ${show(got.id)}`);
      if (card.painted.id !== null) out.push(`${at}: data-triage-id: expected none, got ${show(card.painted.id)}`);
      if (card.painted.hosts !== 0) out.push(`${at}: [data-triage-ui]: expected none, got ${card.painted.hosts}`);
      continue;
    }
    if (card.painted.id !== card.id) out.push(`${at}: data-triage-id: expected ${show(card.id)}, got ${show(card.painted.id)}`);
    if (card.painted.hosts !== 1) out.push(`${at}: [data-triage-ui]: expected exactly 1, got ${card.painted.hosts}`);
    if (!got) {
      out.push(`${at}: not read`);
      continue;
    }
    const person = card.kind === 'person';
    const fields = [
      ['id', card.id, got.id],
      ['kind', card.kind, got.kind],
      ['name', cut(fold(card.name ?? ''), MAX.name), got.name],
      ['headline', cut(fold(card.headline ?? ''), MAX.headline), got.headline],
      ['note', card.note === null ? null : cut(fold(card.note), MAX.note), got.note ?? null],
      ['mutual_count', card.mutual, got.mutual_count],
      ['mutual_names', card.mutualNames.map(fold), got.mutual_names],
      ['days_waiting', card.days, got.days_waiting ?? null],
      ['has_photo', card.photo === 'yes', got.has_photo],
      ['target', person ? null : fold(card.target ?? ''), got.target ?? null],
      ['inviter', person ? null : fold(card.inviter ?? ''), got.inviter ?? null],
    ];
    for (const [field, expected, actual] of fields) {
      if (JSON.stringify(expected) !== JSON.stringify(actual)) out.push(`${at}: ${field}: expected ${show(expected)}, got ${show(actual)}`);
    }
  }
  for (const got of seen.cards) {
    if (!truth.cards.some((c) => c.root === got.root)) {
      out.push(`${label}: read a card at root ${got.root} (${show(got.id)}, ${show(got.name)}) where the page has no invitation`);
    }
  }
  if (seen.unreadable !== truth.unreadable) out.push(`${label}: unreadable: expected ${truth.unreadable}, got ${seen.unreadable}`);
  if (truth.painted.status !== truth.status) out.push(`${label}: data-triage-status: expected ${show(truth.status)}, got ${show(truth.painted.status)}`);
  if (truth.painted.count !== String(readable.length)) {
    out.push(`${label}: data-triage-count: expected ${show(String(readable.length))}, got ${show(truth.painted.count)}`);
  }
  return out;
}

/**
 * Makes the engine in this extension page trap on its next triage (a real trap in the real
 * wasm: the engine's handle points outside its memory), then sends one; returns the answer.
 */
export function trapEngineIn(page, html = '<body><main><p>nothing to read</p></main></body>') {
  return page.evaluate(async (snapshot) => {
    const { handle } = await import('./engine.js');
    const { Engine } = await import('./pkg/invite_triage.js');
    const triage = Engine.prototype.triage;
    Engine.prototype.triage = function trapping(...args) {
      this.__wbg_ptr = 0xfffffff0;
      return triage.apply(this, args);
    };
    return handle({ op: 'triage', html: snapshot });
  }, html);
}
