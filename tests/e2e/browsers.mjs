// The browser-neutral layer: one small API over Debian's Chromium (Playwright, the extension
// loaded unpacked, `harness.mjs`'s `launch`) and Firefox ESR (puppeteer-core over WebDriver
// BiDi, the extension installed as a temporary add-on), so one test body runs in both:
//
//   for (const kind of BROWSERS) describe(kind, () => { … launchBrowser(kind) … });
//
// A browser: `kind`; `serve(routesOrFile, csp)` (what www.linkedin.com answers, as harness.mjs);
// `openInvitations(fixture, {url, status})`, `open(url)`, `newPage()`, `openExtensionPage(file)`
// (popup.html, options.html, … in a page of its own), `extensionUrl(file)`; `background(fn, arg)`:
// `fn(global, arg)` runs in the extension's background (Chromium's service worker, Firefox's
// background page) and its result comes back, for storage reads and fault injection;
// `waitInBackground(fn, arg, {timeout})`: until `fn(global, arg)` is truthy, checked on every
// storage change; `pollBackground(fn, arg, {timeout})`: the same, asked again every 50 ms;
// `stopBackground()` and `backgroundStopper()` (a function that stops it at once): the browser
// stops the background as when it is idle; `pages()`, `consoleErrors`, `requests.foreign`,
// `close()`.
// A page: `evaluate(fn | expression, arg)` and `waitForFunction(fn, arg, {timeout})` with
// Playwright's signatures (so harness.mjs's helpers take either browser's page); on a target:
// `click(target, {count})` (real input events, into our shadow root too), `press(key)`, `fill`, `selectOption`,
// `setInputFiles(target, {name, buffer})`, `download(target)` → `{name, text}`, `waitFor(target,
// {state})`, `textContent`, `getAttribute`, `inputValue`, `isDisabled`, `isEnabled`, `isVisible`,
// `isHidden`; `locator(css)` with `.nth(i)`, `.first()`, `.locator(inner)` and the same methods
// (plus `evaluateAll`, `allTextContents`, `dblclick`), for tests written Playwright's way;
// `acceptNextDialog()`, `recordDialogs()`, `clipboardText()`, `goto(url)`, `reload()`,
// `goBack()`, `goForward()`, `url()`, `close()`, `isClosed()`. A target is a CSS selector, or
// `{css, nth, inside, text}`: the `nth` match of `css` in the document, then (with `inside`) the
// first match of `inside` within it, looking into open shadow roots (ours: the badge UI), the one
// whose text is `text` if given. Chromium's pages also carry `pw` (the Playwright page) and its
// browser `context`, `raw` (harness.mjs's), for what only Chromium can run (CDP, axe).
//
// Firefox, and why it is driven as it is:
// - Firefox starts with `--remote-allow-system-access`: WebDriver BiDi otherwise refuses to
//   navigate a tab to a moz-extension:// page, and it lets the harness run the few privileged
//   calls it needs in the parent process (the extension's UUID, terminating the background page
//   as about:debugging does, the downloads list). The extension's own pages run as they always do.
// - Each page opens in a window of its own: Firefox hides background tabs, and a hidden tab gets
//   one animation frame and one timer tick a second (the content script paints in animation
//   frames). Playwright treats every Chromium page as visible; a window each does the same here.
// - BiDi sends no navigation events for moz-extension:// documents, so extension pages are
//   navigated and reloaded with BiDi commands that wait for the document itself.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CSP_CURRENT, DIST_FIREFOX, FIXTURES, INVITATIONS_URL, launch, staticAsset, waitForStatus } from './harness.mjs';

/** Which browsers the suites run in: `BROWSERS=chromium`, `BROWSERS=firefox`, or both (default). */
export const BROWSERS = (process.env.BROWSERS ?? 'chromium,firefox')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
for (const b of BROWSERS) if (!['chromium', 'firefox'].includes(b)) throw new Error(`BROWSERS: unknown browser ${b}`);

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
/** The gecko id in manifest.json's browser_specific_settings. */
const GECKO_ID = 'invite-triage@invite-triage.extension';
/** Playwright's default for waits; the Firefox side uses the same. */
const DEFAULT_TIMEOUT = 30_000;

/** Launches `kind` (`chromium` | `firefox`) with the extension; see the top of this file. */
export function launchBrowser(kind, options = {}) {
  if (kind === 'chromium') return ChromiumBrowser.launch(options);
  if (kind === 'firefox') return FirefoxBrowser.launch(options);
  throw new Error(`unknown browser ${kind}`);
}

const describeTarget = (target) => (typeof target === 'string' ? target : JSON.stringify(target));

/**
 * The source of a function for `background`: waits until `fn(global, arg)` is truthy, checking
 * again on every storage change (the background's state is in storage), and resolves to it.
 */
const untilInBackground = (fn, timeout) => `(g, a) => new Promise((resolve, reject) => {
  const check = async () => {
    const value = await (${fn})(g, a);
    if (!value) return;
    g.chrome.storage.onChanged.removeListener(check);
    clearTimeout(timer);
    resolve(value);
  };
  const timer = setTimeout(() => {
    g.chrome.storage.onChanged.removeListener(check);
    reject(new Error('waited ${timeout} ms in the background for: ' + ${JSON.stringify(String(fn).slice(0, 200))}));
  }, ${timeout});
  g.chrome.storage.onChanged.addListener(check); // listening first: no change is missed
  check().catch(reject);
})`;

/**
 * Polls `browser.background(fn, arg)` until it is truthy (for a condition no storage change
 * announces, such as a background page that has been replaced by a fresh one); errors while the
 * background is going away count as not yet.
 */
async function pollBackground(browser, fn, arg, { timeout = 10_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await browser.background(fn, arg).catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeout} ms for the background: ${String(fn).slice(0, 200)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Records the page's dialogs (alert, confirm, prompt) and dismisses each. */
function recordDialogs(page) {
  const seen = [];
  page.on('dialog', (d) => {
    seen.push(d.message());
    d.dismiss();
  });
  return seen;
}

/** Calls `fn(global, arg)` where `global` is found by `globalExpression`, as one expression. */
const callWith = (globalExpression, fn, arg) =>
  `(async () => (${fn})(${globalExpression}, ${arg === undefined ? 'undefined' : JSON.stringify(arg)}))()`;

/**
 * Runs in the page: reads `read` of the element `target` names: `exists`, `visible` (a box, and
 * not visibility: hidden, as Playwright's isVisible has it), `text`, `value`, `disabled` or
 * `attribute` (`name`); undefined when there is no such element. A function, not a string:
 * Playwright's polling evaluates a string with eval, which the extension pages' CSP forbids.
 */
function probeInPage({ target, read, name }) {
  const spec = typeof target === 'string' ? { css: target } : target;
  const deep = (root, css) => {
    const out = [...root.querySelectorAll(css)];
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deep(el.shadowRoot, css));
    return out;
  };
  const named = (els) => (spec.text === undefined ? els : els.filter((el) => el.textContent.trim() === spec.text));
  let el = (spec.inside ? [...document.querySelectorAll(spec.css)] : named([...document.querySelectorAll(spec.css)]))[spec.nth ?? 0] ?? null;
  if (el && spec.inside) el = named([...(el.shadowRoot ? deep(el.shadowRoot, spec.inside) : []), ...deep(el, spec.inside)])[0] ?? null;
  if (!el) return undefined;
  switch (read) {
    case 'element':
      return el;
    case 'exists':
      return true;
    case 'visible':
      return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    case 'text':
      return el.textContent;
    case 'value':
      return el.value;
    case 'disabled':
      return el.matches(':disabled');
    case 'attribute':
      return el.getAttribute(name);
    default:
      throw new Error(`unknown read ${read}`);
  }
}

/**
 * A target with Playwright's locator methods, for tests written that way: `page.locator(css)`,
 * `.nth(i)`, `.first()`, `.locator(inner)` (one level, into open shadow roots), and the reads,
 * waits and actions of the page, on that target.
 */
class Locator {
  constructor(page, spec) {
    this.page = page;
    this.spec = spec;
  }
  nth(nth) {
    return new Locator(this.page, { ...this.spec, nth });
  }
  first() {
    return this.nth(0);
  }
  locator(inside) {
    if (this.spec.inside) throw new Error('Locator: one level of locator() only');
    return new Locator(this.page, { ...this.spec, inside });
  }
}
for (const method of ['click', 'fill', 'selectOption', 'setInputFiles', 'download', 'waitFor', 'textContent', 'getAttribute', 'inputValue', 'isDisabled', 'isEnabled', 'isVisible', 'isHidden']) {
  Locator.prototype[method] = function (...args) {
    return this.page[method](this.spec, ...args);
  };
}
Locator.prototype.dblclick = function () {
  return this.page.click(this.spec, { count: 2 });
};
/** `fn(elements)` over every match of the CSS selector (light DOM), as Playwright's evaluateAll. */
Locator.prototype.evaluateAll = function (fn) {
  if (this.spec.nth !== undefined || this.spec.inside) throw new Error('Locator: evaluateAll takes a plain selector');
  return this.page.evaluate(`(${fn})([...document.querySelectorAll(${JSON.stringify(this.spec.css)})])`);
};
Locator.prototype.allTextContents = function () {
  return this.evaluateAll((els) => els.map((el) => el.textContent));
};

/** What both browsers' pages do the same way: in-page reads and waits over targets. */
class NeutralPage {
  locator(css) {
    return new Locator(this, { css });
  }
  /** Waits until the target is there (`attached`) or shown (`visible`, the default, as Playwright). */
  async waitFor(target, { state = 'visible', timeout = DEFAULT_TIMEOUT } = {}) {
    const read = state === 'attached' ? 'exists' : 'visible';
    await this.waitForFunction(probeInPage, { target, read }, { timeout }).catch((e) => {
      throw new Error(`${describeTarget(target)} never became ${state} on ${this.url()}: ${e.message}`);
    });
  }
  async read(target, read, name) {
    await this.waitFor(target, { state: 'attached' });
    return this.evaluate(probeInPage, { target, read, name });
  }
  textContent(target) {
    return this.read(target, 'text');
  }
  getAttribute(target, name) {
    return this.read(target, 'attribute', name);
  }
  inputValue(target) {
    return this.read(target, 'value');
  }
  isDisabled(target) {
    return this.read(target, 'disabled');
  }
  async isEnabled(target) {
    return !(await this.isDisabled(target));
  }
  /** Whether the target is shown now (false when it is not there), without waiting. */
  async isVisible(target) {
    return (await this.evaluate(probeInPage, { target, read: 'visible' })) === true;
  }
  async isHidden(target) {
    return !(await this.isVisible(target));
  }
  /** `read(element)` for every match of a CSS selector in the page (light DOM). */
  evaluateAll(css, read) {
    return this.evaluate(`[...document.querySelectorAll(${JSON.stringify(css)})].map(${read})`);
  }
}

// ---------------------------------------------------------------- Chromium (Playwright)

class ChromiumPage extends NeutralPage {
  constructor(pw, browser) {
    super();
    this.pw = pw;
    this.browser = browser;
    this.kind = 'chromium';
  }
  url() {
    return this.pw.url();
  }
  evaluate(fn, arg) {
    return this.pw.evaluate(fn, arg);
  }
  waitForFunction(fn, arg, { timeout = DEFAULT_TIMEOUT } = {}) {
    return this.pw.waitForFunction(fn, arg, { timeout });
  }
  async element(target, { timeout = DEFAULT_TIMEOUT } = {}) {
    await this.pw.waitForFunction(probeInPage, { target, read: 'exists' }, { timeout }).catch((e) => {
      throw new Error(`no element ${describeTarget(target)} on ${this.pw.url()}: ${e.message}`);
    });
    return (await this.pw.evaluateHandle(probeInPage, { target, read: 'element' })).asElement();
  }
  async click(target, { count = 1 } = {}) {
    const handle = await this.element(target);
    if (count === 2) await handle.dblclick();
    else await handle.click({ clickCount: count });
  }
  async fill(target, value) {
    await (await this.element(target)).fill(value);
  }
  /** Presses one key (Playwright's key names: `j`, `Enter`, `ArrowDown`) where the focus is. */
  async press(key) {
    await this.pw.keyboard.press(key);
  }
  async setInputFiles(target, { name, mimeType = 'application/json', buffer }) {
    await (await this.element(target)).setInputFiles({ name, mimeType, buffer });
  }
  async selectOption(target, value) {
    await (await this.element(target)).selectOption(value);
  }
  async download(target) {
    const [download] = await Promise.all([this.pw.waitForEvent('download'), this.click(target)]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  }
  acceptNextDialog() {
    this.pw.once('dialog', (d) => d.accept());
  }
  recordDialogs() {
    return recordDialogs(this.pw);
  }
  clipboardText() {
    return this.pw.evaluate(() => navigator.clipboard.readText());
  }
  async reload() {
    await this.pw.reload();
  }
  async goto(url) {
    await this.pw.goto(url);
  }
  async goBack() {
    await this.pw.goBack();
  }
  async goForward() {
    await this.pw.goForward();
  }
  isClosed() {
    return this.pw.isClosed();
  }
  async close() {
    this.browser.open_.delete(this);
    await this.pw.close();
  }
}

class ChromiumBrowser {
  static async launch(options) {
    const browser = new ChromiumBrowser(await launch(options));
    await browser.raw.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://www.linkedin.com' });
    return browser;
  }
  constructor(raw) {
    this.kind = 'chromium';
    /** harness.mjs's browser: `{context, extensionId, requests, consoleErrors, serve, close}`. */
    this.raw = raw;
    this.context = raw.context;
    this.extensionId = raw.extensionId;
    this.requests = raw.requests;
    this.consoleErrors = raw.consoleErrors;
    this.open_ = new Set();
  }
  serve(routesOrFile, csp) {
    this.raw.serve(routesOrFile, csp);
  }
  async newPage() {
    const page = new ChromiumPage(await this.context.newPage(), this);
    this.open_.add(page);
    return page;
  }
  async open(url) {
    const page = await this.newPage();
    await page.goto(url);
    return page;
  }
  async openInvitations(fixture, { url = INVITATIONS_URL, status } = {}) {
    this.serve({ [new URL(url).pathname]: fixture });
    const page = await this.open(url);
    await waitForStatus(page, status);
    return page;
  }
  extensionUrl(file) {
    return `chrome-extension://${this.extensionId}/${file}`;
  }
  openExtensionPage(file) {
    return this.open(this.extensionUrl(file));
  }
  /** The service worker (a stopped one is started again by the first message to it). */
  async worker() {
    return this.context.serviceWorkers()[0] ?? this.context.waitForEvent('serviceworker');
  }
  /** Waits until `fn(global, arg)` run in the background is truthy (see untilInBackground). */
  waitInBackground(fn, arg, { timeout = 10_000 } = {}) {
    return this.background(untilInBackground(fn, timeout), arg);
  }
  /** Polls `fn(global, arg)` in the background until truthy (see pollBackground). */
  pollBackground(fn, arg, options) {
    return pollBackground(this, fn, arg, options);
  }
  async background(fn, arg) {
    return (await this.worker()).evaluate(callWith('globalThis', fn, arg));
  }
  /**
   * A function that stops the service worker at once, as Chromium does when it is idle
   * (DevTools' "Stop"): the CDP session is ready before, so the stop lands when it is called.
   */
  async backgroundStopper() {
    const page = await this.context.newPage();
    const cdp = await this.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    return async () => {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      await page.close();
    };
  }
  async stopBackground() {
    await (await this.backgroundStopper())();
  }
  pages() {
    return [...this.open_].filter((p) => !p.isClosed());
  }
  close() {
    return this.raw.close();
  }
}

// ---------------------------------------------------------------- Firefox (puppeteer, WebDriver BiDi)

class FirefoxPage extends NeutralPage {
  constructor(pp, browser, { extension = false } = {}) {
    super();
    this.pp = pp;
    this.browser = browser;
    this.kind = 'firefox';
    this.extension = extension;
    this.href = 'about:blank';
  }
  /** The BiDi browsing context (puppeteer's own, for the commands it does not wrap). */
  get context() {
    return this.pp.mainFrame().browsingContext;
  }
  url() {
    // BiDi reports no navigation of a moz-extension:// document: keep what was asked for.
    return this.extension ? this.href : this.pp.url();
  }
  evaluate(fn, arg) {
    return typeof fn === 'string' ? this.pp.evaluate(fn) : this.pp.evaluate(fn, arg);
  }
  waitForFunction(fn, arg, { timeout = DEFAULT_TIMEOUT } = {}) {
    return this.pp.waitForFunction(fn, { timeout, polling: 50 }, arg);
  }
  async element(target, { timeout = DEFAULT_TIMEOUT } = {}) {
    await this.waitForFunction(probeInPage, { target, read: 'exists' }, { timeout }).catch((e) => {
      throw new Error(`no element ${describeTarget(target)} on ${this.url()}: ${e.message}`);
    });
    return (await this.pp.evaluateHandle(probeInPage, { target, read: 'element' })).asElement();
  }
  /** A real click (BiDi input actions at the element's centre, after scrolling it into view). */
  async click(target, { count = 1 } = {}) {
    await (await this.element(target)).click({ count });
  }
  /** Presses one key (`j`, `Enter`, `ArrowDown`) where the focus is, as real input. */
  async press(key) {
    await this.pp.keyboard.press(key);
  }
  /** Sets the value and fires `input`, as Playwright's fill does. */
  async fill(target, value) {
    const handle = await this.element(target);
    await handle.evaluate((el, v) => {
      el.focus();
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, value);
  }
  /** Picks the option with that `label` (or `value`) and fires `input` and `change`, as Playwright does. */
  async selectOption(target, { label, value }) {
    const handle = await this.element(target);
    const found = await handle.evaluate(
      (el, want) => {
        const option = [...el.options].find((o) => (want.label !== undefined ? o.label === want.label : o.value === want.value));
        if (!option) return false;
        el.value = option.value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      },
      { label, value },
    );
    if (!found) throw new Error(`no option ${JSON.stringify({ label, value })} in ${describeTarget(target)}`);
  }
  /** Puppeteer uploads files from disk: the content is written to a file of that name first. */
  async setInputFiles(target, { name, buffer }) {
    const dir = await mkdtemp(path.join(tmpdir(), 'invite-triage-upload-'));
    try {
      const file = path.join(dir, name);
      await writeFile(file, buffer);
      await (await this.element(target)).uploadFile(file);
    } finally {
      // Firefox has read the file once the change event fired (the page awaits file.text()).
      this.browser.cleanup.push(() => rm(dir, { recursive: true, force: true }));
    }
  }
  /** Firefox saves downloads to the profile's download directory; the downloads list says when. */
  async download(target) {
    const before = (await this.browser.downloads()).length;
    await this.click(target);
    const deadline = Date.now() + DEFAULT_TIMEOUT;
    for (;;) {
      const list = await this.browser.downloads();
      const done = list.slice(before).find((d) => d.stopped);
      if (done) {
        if (!done.succeeded) throw new Error(`the download failed: ${done.error}`);
        return { name: path.basename(done.path), text: await readFile(done.path, 'utf8') };
      }
      if (Date.now() > deadline) throw new Error('no download came');
      await new Promise((resolve) => setTimeout(resolve, 50)); // polling the browser's own list
    }
  }
  acceptNextDialog() {
    this.pp.once('dialog', (d) => d.accept());
  }
  recordDialogs() {
    return recordDialogs(this.pp);
  }
  clipboardText() {
    return this.pp.evaluate(() => navigator.clipboard.readText());
  }
  async goto(url) {
    this.href = url;
    if (this.extension) await this.context.navigate(url, 'complete');
    else await this.pp.goto(url);
  }
  async reload() {
    if (this.extension) await this.context.reload({ wait: 'complete' });
    else await this.pp.reload();
  }
  // History within the page (LinkedIn's pushState): no load to wait for.
  async goBack() {
    await this.context.traverseHistory(-1);
  }
  async goForward() {
    await this.context.traverseHistory(1);
  }
  isClosed() {
    return this.pp.isClosed();
  }
  async close() {
    this.browser.open_.delete(this);
    if (!this.pp.isClosed()) await this.pp.close();
  }
}

class FirefoxBrowser {
  static async launch({ routes = {}, csp = CSP_CURRENT } = {}) {
    const { default: puppeteer } = await import('puppeteer-core');
    if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is not installed (build.sh test installs firefox-esr)`);
    if (!existsSync(path.join(DIST_FIREFOX, 'manifest.json'))) throw new Error(`${DIST_FIREFOX} is not built (./build.sh)`);
    const profile = await mkdtemp(path.join(tmpdir(), 'invite-triage-ff-'));
    const downloads = await mkdtemp(path.join(tmpdir(), 'invite-triage-ff-downloads-'));
    const pp = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX,
      headless: process.env.HEADED ? false : true,
      userDataDir: profile,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'network.proxy.type': 0,
        'app.update.enabled': false,
        // Downloads go to a directory of our own, without asking.
        'browser.download.dir': downloads,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        'browser.download.alwaysOpenPanel': false,
      },
    });
    const browser = new FirefoxBrowser(pp, { routes, csp, dirs: [profile, downloads] });
    try {
      await pp.installExtension(DIST_FIREFOX);
      browser.uuid = await browser.privileged(`WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).mozExtensionHostname`);
    } catch (e) {
      await browser.close();
      throw e;
    }
    return browser;
  }
  constructor(pp, { routes, csp, dirs }) {
    this.kind = 'firefox';
    this.pp = pp;
    this.state = { routes: { ...routes }, csp };
    this.dirs = dirs;
    this.consoleErrors = [];
    this.requests = { foreign: [], served: [] };
    this.open_ = new Set();
    this.cleanup = [];
    this.tool = null;
    this.chromeContext = null;
  }
  serve(routesOrFile, csp) {
    if (typeof routesOrFile === 'string') this.state.routes[new URL(INVITATIONS_URL).pathname] = routesOrFile;
    else Object.assign(this.state.routes, routesOrFile);
    if (csp) this.state.csp = csp;
  }
  /**
   * Runs `expression` in Firefox's parent process (the browser window's chrome scope) and
   * returns its value (JSON-serializable). Only the harness uses it, for what no content page can do.
   */
  async privileged(expression) {
    const connection = this.pp.connection;
    if (!this.chromeContext) {
      const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
      this.chromeContext = result.contexts[0].context;
    }
    const { result } = await connection.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context: this.chromeContext },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (result.type !== 'success') throw new Error(`privileged call failed: ${result.exceptionDetails?.text}`);
    return result.result.value === undefined ? undefined : JSON.parse(result.result.value);
  }
  /** Firefox's downloads list: `{path, stopped, succeeded, error}` each, oldest first. */
  downloads() {
    return this.privileged(`(async () => {
      const { Downloads } = ChromeUtils.importESModule('resource://gre/modules/Downloads.sys.mjs');
      const list = await (await Downloads.getList(Downloads.ALL)).getAll();
      return list.map((d) => ({ path: d.target.path, stopped: d.stopped, succeeded: d.succeeded, error: String(d.error?.message ?? '') }));
    })()`);
  }
  async newPage({ extension = false } = {}) {
    const pp = await this.pp.newPage({ type: 'window' });
    const page = new FirefoxPage(pp, this, { extension });
    if (!extension) await this.route(pp);
    pp.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(`${page.url()}: ${msg.text()}`);
    });
    pp.on('pageerror', (err) => this.consoleErrors.push(`${page.url()}: ${err.message}`));
    this.open_.add(page);
    return page;
  }
  /** Serves the fixtures at www.linkedin.com, like harness.mjs's routing; nothing else goes out. */
  async route(pp) {
    await pp.setRequestInterception(true);
    pp.on('request', async (request) => {
      try {
        const url = new URL(request.url());
        if (url.protocol === 'data:' || url.protocol === 'moz-extension:' || url.protocol === 'about:') return await request.continue();
        const asset = staticAsset(url);
        if (asset) {
          this.requests.served.push(url.href);
          return await request.respond({ status: 200, contentType: asset.type, body: await readFile(asset.file) });
        }
        if (url.hostname === 'www.linkedin.com') {
          this.requests.served.push(url.href);
          const file = this.state.routes[url.pathname];
          if (!file) return await request.respond({ status: 404, contentType: 'text/plain', body: 'not a fixture' });
          return await request.respond({
            status: 200,
            contentType: 'text/html; charset=utf-8',
            headers: { 'content-security-policy': this.state.csp },
            body: await readFile(path.join(FIXTURES, file)),
          });
        }
        this.requests.foreign.push(url.href);
        return await request.abort();
      } catch {
        // The page went away while its request was being answered.
      }
    });
  }
  async open(url) {
    const page = await this.newPage();
    await page.goto(url);
    return page;
  }
  async openInvitations(fixture, { url = INVITATIONS_URL, status } = {}) {
    this.serve({ [new URL(url).pathname]: fixture });
    const page = await this.open(url);
    await waitForStatus(page, status);
    return page;
  }
  extensionUrl(file) {
    return `moz-extension://${this.uuid}/${file}`;
  }
  async openExtensionPage(file) {
    const page = await this.newPage({ extension: true });
    await page.goto(this.extensionUrl(file));
    return page;
  }
  /**
   * Runs `fn(backgroundWindow, arg)` from an extension tab kept open for it: Firefox's background
   * page is no BiDi target, but an extension page reaches it (runtime.getBackgroundPage, which
   * also wakes a terminated one). Functions the test leaves in the background (fault injection)
   * belong to that tab, which stays open until the browser closes.
   */
  /** Waits until `fn(global, arg)` run in the background is truthy (see untilInBackground). */
  waitInBackground(fn, arg, { timeout = 10_000 } = {}) {
    return this.background(untilInBackground(fn, timeout), arg);
  }
  /** Polls `fn(global, arg)` in the background until truthy (see pollBackground). */
  pollBackground(fn, arg, options) {
    return pollBackground(this, fn, arg, options);
  }
  async background(fn, arg) {
    if (!this.tool || this.tool.isClosed()) {
      const pp = await this.pp.newPage({ type: 'window' });
      this.tool = new FirefoxPage(pp, this, { extension: true });
      await this.tool.goto(this.extensionUrl('popup.html'));
    }
    return this.tool.evaluate(callWith('await browser.runtime.getBackgroundPage()', fn, arg));
  }
  async backgroundStopper() {
    return () => this.stopBackground();
  }
  /** Terminates the background page, as Firefox does when it is idle (about:debugging's "Terminate"). */
  async stopBackground() {
    await this.privileged(`WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension.terminateBackground({ ignoreDevToolsAttached: true })`);
  }
  pages() {
    return [...this.open_].filter((p) => !p.isClosed());
  }
  async close() {
    await this.pp.close().catch(() => {});
    for (const step of this.cleanup) await step();
    for (const dir of this.dirs) await rm(dir, { recursive: true, force: true });
  }
}
