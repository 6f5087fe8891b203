// Privacy: nothing leaks. The extension makes no network request of its own (recorded in every
// target, not only where the harness routes), its pages cannot make one (the manifest's CSP), and
// its code has no HTML sinks, no code built from strings and no network APIs (a static check).
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIST, DIST_FIREFOX, INVITATIONS_URL, launch, ROOT, waitForStatus } from './harness.mjs';

const EXTENSION = path.join(ROOT, 'extension');
const WASM = 'pkg/invite_triage_bg.wasm';

/** The extension pages' policy: only the extension's own files, no remote anything. */
const EXTENSION_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; connect-src 'self'; " +
  "img-src 'self' data:; style-src 'self'; base-uri 'none'; form-action 'none'";
/**
 * Each browser's exact permissions: `offscreen` is Chromium's engine host and `sidePanel` its
 * weekly review, both unknown to Firefox (whose sidebar needs no permission).
 */
const PERMISSIONS = {
  chromium: ['alarms', 'notifications', 'offscreen', 'sidePanel', 'storage'],
  firefox: ['alarms', 'notifications', 'storage'],
};
const MATCHES = ['https://www.linkedin.com/*'];
/** The content scripts, in order: the platform layer first, then the styles, then the script. */
const CONTENT_SCRIPTS = ['platform.js', 'badge-style.js', 'content.js'];
/** The note coach's content scripts, in every frame. */
const COACH_SCRIPTS = ['platform.js', 'coach.js'];
/** The Firefox add-on's identity and its data-collection declaration (AMO requires both). */
const GECKO = { id: 'invite-triage@invite-triage.extension', data_collection_permissions: { required: ['none'] } };

// ------------------------------------------------------------------ the static discipline check

/**
 * `src` with comments and the contents of string, template and regex literals blanked (quotes,
 * `${…}` expressions and newlines kept, so offsets and line numbers stay put): only code is left.
 */
function codeOnly(src) {
  const out = src.split('');
  const blank = (from, to) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  const templates = []; // brace depth at which each open `${` closes
  let depth = 0;
  let prev = ''; // last code character, to tell a regex from a division
  let word = ''; // last identifier, for `return /re/`
  const regexMayStart = () =>
    !prev || '(,=:[!&|?{};+-*%<>~^'.includes(prev) || /^(return|typeof|case|do|else|in|of|void|yield|await)$/.test(word);
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const stop = end === -1 ? src.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
      prev = c;
      word = '';
    } else if (c === '`' || (c === '}' && templates.length && templates.at(-1) === depth)) {
      if (c === '}') templates.pop(); // back in the literal after a `${…}` expression
      let j = i + 1;
      while (j < src.length && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) j += src[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      if (src[j] === '$') {
        templates.push(depth);
        i = j + 2;
        prev = '{';
      } else {
        i = j + 1;
        prev = '`';
      }
      word = '';
    } else if (c === '/' && regexMayStart()) {
      let j = i + 1;
      let inClass = false;
      while (j < src.length && src[j] !== '\n' && (inClass || src[j] !== '/')) {
        if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        j += src[j] === '\\' ? 2 : 1;
      }
      blank(i + 1, j);
      i = j + 1;
      prev = '/';
      word = '';
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (/[\w$]/.test(c)) {
        word = /[\w$]/.test(prev) ? word + c : c;
        prev = c;
      } else if (!/\s/.test(c)) {
        prev = c;
        word = '';
      }
      i++;
    }
  }
  return out.join('');
}

/** What extension code must never do, matched against code only (see `codeOnly`). */
const FORBIDDEN_IN_CODE = [
  ['assignment to innerHTML/outerHTML', /\.\s*(innerHTML|outerHTML)\s*(\+|\|\||&&|\?\?)?=(?!=)/],
  ['innerHTML/outerHTML set through an object', /(?<![\w$.])(innerHTML|outerHTML)\s*:/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['an HTML parsing sink', /\b(createContextualFragment|setHTMLUnsafe|parseHTMLUnsafe|srcdoc)\b/],
  ['document.write', /\bdocument\s*\.\s*write(ln)?\b/],
  ['eval', /(?<![\w$.])eval\s*\(/],
  ['new Function', /\bnew\s+Function\b|(?<![\w$.])Function\s*\(/],
  ['setTimeout/setInterval with a string', /\b(setTimeout|setInterval)\s*\(\s*['"`]/],
  ['fetch', /(?<![\w$])fetch\s*\(/],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/],
  ['WebSocket', /\bWebSocket\b/],
  ['EventSource', /\bEventSource\b/],
  ['sendBeacon', /\bsendBeacon\b/],
  ['importScripts', /\bimportScripts\s*\(/],
];
/** Matched against the source with strings kept (these name the danger inside a string). */
const FORBIDDEN_IN_SOURCE = [
  ['innerHTML/outerHTML set by name', /\[\s*(['"`])(innerHTML|outerHTML)\1\s*\]\s*=(?!=)/],
  ['remote import', /\bimport\s*\(\s*['"`](https?:)?\/\//],
  ['a URL outside www.linkedin.com', /['"`](https?:)?\/\/(?!www\.linkedin\.com\/)[^'"`\s]*/],
];

/** Every violation in `src`, as `{rule, line, text}`. */
function scan(src) {
  const lines = src.split('\n');
  const code = codeOnly(src).split('\n');
  const found = [];
  lines.forEach((line, n) => {
    for (const [rule, re] of FORBIDDEN_IN_CODE) if (re.test(code[n])) found.push({ rule, line: n + 1, text: line.trim() });
    if (!code[n].trim()) return; // a comment-only line
    for (const [rule, re] of FORBIDDEN_IN_SOURCE) if (re.test(line)) found.push({ rule, line: n + 1, text: line.trim() });
  });
  return found;
}

/** What an extension HTML page must not hold: remote or inline script, inline style or handlers. */
function scanHtml(html) {
  const found = [];
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (!src) found.push({ rule: 'inline script', text: tag });
    else if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(src)) found.push({ rule: 'remote script', text: tag });
  }
  for (const tag of html.match(/<(link|img|iframe|embed|object|source|audio|video)\b[^>]*>/gi) ?? []) {
    const url = /\b(href|src|data)\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[2] ?? '';
    if (/^(https?:)?\/\//i.test(url)) found.push({ rule: 'remote resource', text: tag });
  }
  if (/<style\b/i.test(html)) found.push({ rule: 'inline style element', text: '<style>' });
  for (const m of html.match(/<[a-z][^>]*\s(style|on[a-z]+)\s*=[^>]*>/gi) ?? []) {
    found.push({ rule: 'inline style or event handler attribute', text: m });
  }
  return found;
}

/** Every `ext` file of extension/, the browser folders (chromium/, firefox/) included. */
const files = async (ext) =>
  (await readdir(EXTENSION, { recursive: true })).filter((f) => f.endsWith(ext)).sort().map((f) => path.join(EXTENSION, f));
const shown = (file) => path.relative(EXTENSION, file);

describe('static discipline (no browser)', () => {
  test('the scanner finds each kind of violation, and passes clean code', () => {
    const bad = {
      'el.innerHTML = html': 'assignment to innerHTML/outerHTML',
      'el.outerHTML += html': 'assignment to innerHTML/outerHTML',
      "el['innerHTML'] = html": 'innerHTML/outerHTML set by name',
      'Object.assign(el, { innerHTML: html })': 'innerHTML/outerHTML set through an object',
      "el.insertAdjacentHTML('beforeend', html)": 'insertAdjacentHTML',
      'range.createContextualFragment(html)': 'an HTML parsing sink',
      'document.write(html)': 'document.write',
      'eval(code)': 'eval',
      "new Function('a', code)": 'new Function',
      "Function('return this')()": 'new Function',
      "setTimeout('run()', 10)": 'setTimeout/setInterval with a string',
      'setInterval(`tick()`, 10)': 'setTimeout/setInterval with a string',
      "await fetch('/x')": 'fetch',
      'const r = await fetch (url, { method: "POST" })': 'fetch',
      'new XMLHttpRequest()': 'XMLHttpRequest',
      'new WebSocket(url)': 'WebSocket',
      'new EventSource(url)': 'EventSource',
      'navigator.sendBeacon(url, data)': 'sendBeacon',
      "importScripts('x.js')": 'importScripts',
      "await import('https://cdn.example/x.js')": 'remote import',
      "const u = 'https://tracker.example/p'": 'a URL outside www.linkedin.com',
      'x = a / b; fetch(c)': 'fetch',
      'const s = `${fetch(u)}`': 'fetch',
    };
    for (const [src, rule] of Object.entries(bad)) {
      assert.ok(scan(src).some((f) => f.rule === rule), `expected "${rule}" in: ${src}\n got ${JSON.stringify(scan(src))}`);
    }
    const clean = [
      'const html = copy.outerHTML;',
      'if (a.innerHTML === b) go();',
      'const s = ok ? el.innerHTML : "";',
      'node.textContent = text;',
      'setTimeout(() => run(), 10);',
      "// never call fetch( or eval( here\nconst x = 1;",
      "/* el.innerHTML = x */ const y = 'eval(x) and fetch(y) in a string';",
      'const t = `no ${name} fetch(here)`;',
      'const re = /fetch\\(|eval\\(/g;',
      'el.prefetch(u); retrieval(s); evaluate(s); myFunction(s);',
      "const page = 'https://www.linkedin.com/mynetwork/invitation-manager/';",
      "init({ module_or_path: new URL('./pkg/x_bg.wasm', import.meta.url) });",
    ];
    for (const src of clean) assert.deepEqual(scan(src), [], `expected clean: ${src}`);
  });

  test('the HTML scanner finds remote and inline code, and passes clean pages', () => {
    assert.deepEqual(scanHtml('<link rel="stylesheet" href="pages.css"><script type="module" src="popup.js"></script>'), []);
    for (const [html, rule] of [
      ['<script src="https://cdn.example/x.js"></script>', 'remote script'],
      ['<script src="//cdn.example/x.js"></script>', 'remote script'],
      ['<script>alert(1)</script>', 'inline script'],
      ['<link rel="stylesheet" href="https://fonts.example/a.css">', 'remote resource'],
      ['<img src="https://tracker.example/p.gif">', 'remote resource'],
      ['<style>p{}</style>', 'inline style element'],
      ['<p style="color:red">x</p>', 'inline style or event handler attribute'],
      ['<button onclick="go()">x</button>', 'inline style or event handler attribute'],
    ]) {
      assert.ok(scanHtml(html).some((f) => f.rule === rule), `expected "${rule}" in: ${html}`);
    }
  });

  test('extension scripts set no HTML, build no code from strings and open no connection', async () => {
    const scripts = await files('.js');
    assert.ok(scripts.length >= 5, `expected the extension's scripts, found ${scripts.length}`);
    const found = [];
    for (const file of scripts) {
      for (const f of scan(await readFile(file, 'utf8'))) found.push(`${shown(file)}:${f.line} ${f.rule}: ${f.text}`);
    }
    assert.deepEqual(found, []);
  });

  test('extension pages load only their own scripts and styles, with no inline code', async () => {
    const pages = await files('.html');
    assert.ok(pages.length >= 3);
    const found = [];
    for (const file of pages) {
      for (const f of scanHtml(await readFile(file, 'utf8'))) found.push(`${shown(file)} ${f.rule}: ${f.text}`);
    }
    assert.deepEqual(found, []);
  });

  for (const [browser, dist] of [
    ['chromium', DIST],
    ['firefox', DIST_FIREFOX],
  ]) {
    test(`the ${browser} manifest asks for the minimal permissions and sets the strict extension CSP`, async () => {
      const manifest = JSON.parse(await readFile(path.join(dist, 'manifest.json'), 'utf8'));
      assert.deepEqual([...manifest.permissions].sort(), PERMISSIONS[browser]);
      for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions', 'web_accessible_resources', 'externally_connectable', 'per_browser']) {
        assert.equal(manifest[key], undefined, `${key} must not be declared`);
      }
      // The triage's scripts (top frame), and the note coach's (every frame: LinkedIn's connect
      // dialog may open in a same-origin /preload/ iframe).
      assert.equal(manifest.content_scripts.length, 2);
      const [triage, coach] = manifest.content_scripts;
      assert.deepEqual(triage.matches, MATCHES);
      assert.equal(triage.all_frames, undefined);
      assert.deepEqual(triage.js, CONTENT_SCRIPTS);
      assert.deepEqual(coach.matches, MATCHES);
      assert.equal(coach.all_frames, true);
      assert.deepEqual(coach.js, COACH_SCRIPTS);
      assert.deepEqual(Object.keys(manifest.content_security_policy), ['extension_pages']);
      assert.equal(manifest.content_security_policy.extension_pages, EXTENSION_CSP);
      if (browser === 'chromium') {
        assert.deepEqual(manifest.background, { type: 'module', service_worker: 'bg.js' });
        assert.equal(manifest.browser_specific_settings, undefined, 'Chromium reads no gecko settings');
        assert.deepEqual(manifest.side_panel, { default_path: 'panel.html' });
        assert.equal(manifest.sidebar_action, undefined);
      } else {
        assert.equal(manifest.sidebar_action.default_panel, 'panel.html');
        assert.equal(manifest.side_panel, undefined);
        assert.deepEqual(manifest.background, { type: 'module', scripts: ['bg.js'] });
        assert.deepEqual(Object.keys(manifest.browser_specific_settings), ['gecko']);
        const { gecko } = manifest.browser_specific_settings;
        assert.equal(gecko.id, GECKO.id);
        assert.deepEqual(gecko.data_collection_permissions, GECKO.data_collection_permissions);
      }
    });
  }

  test("each browser's build carries only what that browser reads", async () => {
    const chromium = (await readdir(DIST)).sort();
    const firefox = (await readdir(DIST_FIREFOX)).sort();
    for (const file of ['offscreen.html', 'offscreen.js']) {
      assert.ok(chromium.includes(file), `dist/ has Chromium's engine host, ${file}`);
      assert.ok(!firefox.includes(file), `dist-firefox/ has no ${file}: Firefox runs the engine in its background page`);
    }
    assert.deepEqual(firefox.filter((f) => !chromium.includes(f)), [], 'Firefox needs no file Chromium lacks');
    assert.ok(!chromium.includes('chromium') && !firefox.includes('firefox'), 'each browser folder is laid flat, not copied');
    for (const dist of [DIST, DIST_FIREFOX]) {
      assert.deepEqual((await readdir(path.join(dist, 'pkg'))).sort(), ['invite_triage.js', 'invite_triage_bg.wasm'], `${path.basename(dist)}/pkg: the engine, no declarations`);
    }
  });
});

// ------------------------------------------------------------------ recording every target

/**
 * Records every network request in the browser through a CDP session of our own: every target
 * (LinkedIn pages, the service worker, the offscreen document, extension pages) is attached as
 * it appears and its Network domain enabled. Playwright's CDP sessions only carry flattened
 * messages for sessions Playwright made, so targets are attached unflattened and spoken to with
 * Target.sendMessageToTarget.
 */
async function recordAll(context) {
  const cdp = await context.browser().newBrowserCDPSession();
  const targets = new Map(); // targetId → {id, type, url, sessionId, ready}
  const bySession = new Map();
  const requests = []; // {from: the target, url, type, blocked}; `from.url` is the target's latest URL
  const logs = []; // console and browser log entries of every target
  const replies = new Map();
  let nextId = 0;

  const send = (sessionId, method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      replies.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });

  cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const m = JSON.parse(message);
    if (m.id) {
      replies.get(m.id)?.(m);
      replies.delete(m.id);
      return;
    }
    const target = bySession.get(sessionId);
    if (!target) return;
    const p = m.params;
    if (m.method === 'Network.requestWillBeSent') {
      requests.push({ from: target, id: p.requestId, url: p.request.url, type: p.type });
    } else if (m.method === 'Network.webSocketCreated') {
      requests.push({ from: target, id: p.requestId, url: p.url, type: 'WebSocket' });
    } else if (m.method === 'Network.loadingFailed') {
      const r = requests.findLast((q) => q.id === p.requestId && q.from === target);
      if (r) r.blocked = p.blockedReason ?? p.errorText;
    } else if (m.method === 'Log.entryAdded') {
      logs.push(`${target.url}: [${p.entry.source}] ${p.entry.text}`);
    }
  });

  const attach = (info) => {
    if (['browser', 'browser_ui', 'tab'].includes(info.type) || targets.has(info.targetId)) return;
    const target = { id: info.targetId, type: info.type, url: info.url };
    targets.set(info.targetId, target);
    target.ready = (async () => {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: info.targetId, flatten: false });
      target.sessionId = sessionId;
      bySession.set(sessionId, target);
      await send(sessionId, 'Network.enable');
      await send(sessionId, 'Log.enable').catch(() => {}); // not every target has a Log domain
    })().catch((e) => {
      target.error = e.message; // a target that closed while we attached
    });
  };
  cdp.on('Target.targetCreated', ({ targetInfo }) => attach(targetInfo));
  cdp.on('Target.targetInfoChanged', ({ targetInfo }) => {
    const target = targets.get(targetInfo.targetId);
    if (target) Object.assign(target, { type: targetInfo.type, url: targetInfo.url });
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true }); // announces existing targets too

  async function settle(target) {
    await target.ready;
    if (target.error) throw new Error(`could not record ${target.type} ${target.url}: ${target.error}`);
    return target;
  }
  return {
    requests,
    logs,
    targets,
    send,
    /** The recorder for a Playwright page, once its Network domain is on. */
    async forPage(page) {
      const session = await context.newCDPSession(page);
      const { targetInfo } = await session.send('Target.getTargetInfo');
      await session.detach();
      for (let i = 0; i < 100 && !targets.has(targetInfo.targetId); i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(targets.has(targetInfo.targetId), `the recorder never saw the page ${page.url()}`);
      return settle(targets.get(targetInfo.targetId));
    },
    /** The first target whose URL satisfies `test`, once recorded. */
    async find(test, timeout = 10_000) {
      const end = Date.now() + timeout;
      for (;;) {
        const target = [...targets.values()].find((t) => test(t.url));
        if (target) return settle(target);
        if (Date.now() > end) throw new Error('no such target');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    /** Evaluates `expression` (awaiting a promise) in a recorded target. */
    async evaluate(target, expression) {
      const { result, exceptionDetails } = await send(target.sessionId, 'Runtime.evaluate', {
        expression,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value;
    },
    close: () => cdp.detach().catch(() => {}),
  };
}

/** True when `url` is the extension's own file, a fixture page or a fixture's static file. */
function ours(url, extensionId) {
  const u = new URL(url);
  if (u.protocol === 'chrome-extension:') return u.host === extensionId;
  if (u.protocol !== 'https:') return false;
  return u.host === 'www.linkedin.com' || (u.host === 'static.licdn.com' && u.pathname.startsWith('/fixture/'));
}

/** Whether a request made by `target` is allowed: extension targets may load only their own files. */
function allowed(request, extensionId) {
  const fromExtension = request.from.url.startsWith('chrome-extension:') || request.from.type === 'service_worker';
  if (fromExtension) return new URL(request.url).protocol === 'chrome-extension:' && ours(request.url, extensionId);
  // the fixture's own inline images are data: URLs, which never reach a network
  return ours(request.url, extensionId) || request.url.startsWith('data:');
}

describe('in Chromium, with every target recorded', () => {
  let browser;
  let recorder;
  before(async () => {
    browser = await launch();
    recorder = await recordAll(browser.context);
  });
  after(async () => {
    await recorder?.close();
    await browser?.close();
  });

  /** Opens `url` in a new tab whose every request is recorded from the first one. */
  async function open(url) {
    const page = await browser.context.newPage();
    await recorder.forPage(page);
    await page.goto(url);
    return page;
  }
  const extensionUrl = (file) => `chrome-extension://${browser.extensionId}/${file}`;

  test('triaging a page, the popup, the options page and a save make no request but our own', async () => {
    const errorsBefore = browser.consoleErrors.length;
    const worker = await recorder.find((url) => url === extensionUrl('bg.js'));
    assert.equal(worker.type, 'service_worker');

    // the LinkedIn tab: the content script snapshots, the service worker relays, the engine answers
    browser.serve('era-c2.html');
    const linkedin = await open(INVITATIONS_URL);
    assert.equal(await waitForStatus(linkedin, 'ready'), 'ready');

    // the offscreen document came up on demand; reload it under recording so its whole life is
    // seen from its first request (the document itself) to the engine's wasm
    const offscreen = await recorder.find((url) => url === extensionUrl('offscreen.html'));
    const mark = recorder.requests.length;
    await recorder.send(offscreen.sessionId, 'Page.reload');
    const engineUp = `import('./engine.js').then((m) => m.loadEngine()).then(() => true)`;
    for (let i = 0; i < 100 && !recorder.requests.slice(mark).some((r) => r.url === extensionUrl(WASM)); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(await recorder.evaluate(offscreen, engineUp), true);
    const offscreenSeen = recorder.requests.slice(mark).filter((r) => r.from.url === extensionUrl('offscreen.html'));
    assert.ok(
      offscreenSeen.some((r) => r.url === extensionUrl('offscreen.html') && r.type === 'Document'),
      `the recorder saw the offscreen document load: ${JSON.stringify(offscreenSeen.map((r) => r.url))}`,
    );
    assert.ok(
      offscreenSeen.some((r) => r.url === extensionUrl(WASM)),
      `the recorder saw the offscreen document fetch the engine's wasm: ${JSON.stringify(offscreenSeen.map((r) => r.url))}`,
    );

    // the popup and the options page, and a save that re-scores the open LinkedIn page
    const popup = await open(extensionUrl('popup.html'));
    await popup.locator('#view > *').first().waitFor();
    const options = await open(extensionUrl('options.html'));
    await options.locator('#preview-verdict').waitFor();
    await options.locator('#f-my_name').fill('Sam Rivera');
    await options.locator('#save').click();
    await options.locator('#message.ok').waitFor();
    await linkedin.reload();
    assert.equal(await waitForStatus(linkedin, 'ready'), 'ready');
    await new Promise((r) => setTimeout(r, 300)); // let late requests (favicons, prefetches) show

    const seen = recorder.requests;
    for (const [what, url] of [
      ['the LinkedIn page', INVITATIONS_URL],
      ['the popup', extensionUrl('popup.html')],
      ['the options page', extensionUrl('options.html')],
    ]) {
      assert.ok(seen.some((r) => r.from.url === url && r.url === url), `${what} was recorded from its first request`);
    }
    assert.ok(seen.some((r) => r.from.url === extensionUrl('options.html') && r.url === extensionUrl(WASM)), 'the options page loads its own engine');
    const strangers = seen.filter((r) => !allowed(r, browser.extensionId)).map((r) => `${r.from.type} ${r.from.url} → ${r.url}`);
    assert.deepEqual(strangers, []);
    assert.deepEqual(browser.requests.foreign, []);
    assert.deepEqual(recorder.logs.filter((l) => /Content Security Policy|Refused to/i.test(l)), []);
    assert.deepEqual(browser.consoleErrors.slice(errorsBefore), []);
    for (const page of [linkedin, popup, options]) await page.close();
  });

  /** Tries a fetch and an image from example.com in the current realm; reports what stopped them. */
  const tryTheNetwork = `(async () => {
    const violations = [];
    globalThis.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective + ' ' + e.blockedURI));
    let fetched = 'allowed';
    try { await fetch('https://example.com/leak?fetch'); } catch (e) { fetched = e.name; }
    let image = 'no DOM';
    if (globalThis.Image) {
      image = await new Promise((resolve) => {
        const img = new Image();
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('refused');
        img.src = 'https://example.com/leak.png';
      });
    }
    await new Promise((r) => setTimeout(r, 50));
    return { fetched, image, violations };
  })()`;

  test("the extension's CSP is the strict one, and it refuses the network in extension pages", async () => {
    const options = await open(extensionUrl('options.html'));
    const live = await options.evaluate(() => chrome.runtime.getManifest().content_security_policy);
    assert.deepEqual(live, { extension_pages: EXTENSION_CSP });

    const mark = recorder.requests.length;
    const pageRefusals = {
      fetched: 'TypeError',
      image: 'refused',
      violations: ['connect-src https://example.com/leak?fetch', 'img-src https://example.com/leak.png'],
    };
    assert.deepEqual(await options.evaluate(tryTheNetwork), pageRefusals, 'the options page');
    const offscreen = await recorder.find((url) => url === extensionUrl('offscreen.html'));
    assert.deepEqual(await recorder.evaluate(offscreen, tryTheNetwork), pageRefusals, 'the offscreen document');
    const [worker] = browser.context.serviceWorkers();
    assert.deepEqual(
      await worker.evaluate(tryTheNetwork),
      { fetched: 'TypeError', image: 'no DOM', violations: ['connect-src https://example.com/leak?fetch'] },
      'the service worker',
    );

    // refused by the browser's CSP check before any network stack, not by the harness's routing:
    // a refused fetch never becomes a request; a refused image is reported as blocked by 'csp'
    const attempts = recorder.requests.slice(mark).filter((r) => r.url.startsWith('https://example.com/'));
    assert.deepEqual(
      attempts.map((r) => `${r.from.url} ${r.type} ${r.blocked}`),
      ['options.html', 'offscreen.html'].map((page) => `${extensionUrl(page)} Image csp`),
    );
    assert.deepEqual(browser.requests.foreign, []);
    await options.close();
  });
});
