// `./build.sh bench`: what Invite Triage costs, as ratios measured in one run (these machines
// are noisy, so every figure has its baseline next to it). Prints a table, writes
// target/bench/report.md and report.json. BENCHMARKS.md explains each row and keeps the latest.
import { spawnSync } from 'node:child_process';
import { readdir, readFile, mkdir, writeFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { launch, waitForStatus, INVITATIONS_URL, ROOT, DIST } from '../e2e/harness.mjs';
import { median, table } from './stats.mjs';

const OUT = path.join(ROOT, 'target/bench');
const FLOOR = path.join(ROOT, 'tests/bench/floor');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Page sizes; BENCH_SIZES=500 for a quick look at one. */
const SIZES = (process.env.BENCH_SIZES ?? '100,500,2000').split(',').map(Number);
/** Another build to measure (`BENCH_DIST=dir`, say the previous release's dist/): before and after in one session. */
const BUILD = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : DIST;
/** The benchmark engine (`--features bench`) to score with; `BENCH_PKG=dir` for another build's. */
const BENCH_PKG = process.env.BENCH_PKG ? path.resolve(process.env.BENCH_PKG) : path.join(OUT, 'pkg');
/** What to measure; BENCH_PARTS=pages for a quick look at the page figures only. */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'sizes,scoring,start,pages,memory').split(','));
const SHOW_MORE = 20;
const WORKLOAD = 1000;
/** Samples of the scoring workload, each `ROUNDS` passes over the 1,000 invitations. */
const SAMPLES = 15;
const ROUNDS = 20;
const BENCH_HOST = 'bench.invite-triage.test';
const FLOOR_URL = 'https://www.linkedin.com/bench/floor/';
const FIXTURE = 'era-c2.html';

const results = { machine: machine(), date: new Date().toISOString().slice(0, 10), rows: [] };
const row = (group, name, values, unit, budget = '', note = '') =>
  results.rows.push({ group, name, values, unit, budget, note });

// ---------------------------------------------------------------- sizes
async function sizes() {
  const file = async (rel) => {
    const bytes = await readFile(path.join(BUILD, rel));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const wasm = await file('pkg/invite_triage_bg.wasm');
  const manifest = JSON.parse(await readFile(path.join(BUILD, 'manifest.json'), 'utf8'));
  const shimFiles = manifest.content_scripts.flatMap((c) => c.js);
  const shim = { raw: 0, gzip: 0 };
  for (const f of shimFiles) {
    const s = await file(f);
    shim.raw += s.raw;
    shim.gzip += s.gzip;
  }
  const dist = await folderBytes(BUILD);
  const kb = (n) => (n / 1024).toFixed(1);
  row('Size', 'wasm after wasm-opt', [kb(wasm.raw)], 'KB raw', '≤ 150');
  row('Size', 'wasm after wasm-opt, gzipped', [kb(wasm.gzip)], 'KB', '≤ 60');
  row('Size', `JS shim in LinkedIn's tab (${shimFiles.join(', ')})`, [kb(shim.raw)], 'KB raw', '≤ 20', `${kb(shim.gzip)} KB gzipped`);
  row('Size', 'whole dist/', [kb(dist)], 'KB raw');
  results.sizes = { wasm, shim, dist };
}

async function folderBytes(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(p) : (await stat(p)).size;
  }
  return total;
}

// ---------------------------------------------------------------- scoring workload
/** 1,000 invitations cycled from the labelled corpora, each with its own name and key. */
async function writeWorkload() {
  const dir = path.join(ROOT, 'tests/corpus');
  const corpora = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
    corpora.push(JSON.parse(await readFile(path.join(dir, name), 'utf8')));
  }
  const pool = corpora.flatMap((c) => c.entries.map((e) => e.invitation));
  const invitations = Array.from({ length: WORKLOAD }, (_, i) => {
    const inv = structuredClone(pool[i % pool.length]);
    const round = Math.floor(i / pool.length);
    if (round) Object.assign(inv, { key: `${inv.key}-${round}`, name: `${inv.name} ${round}` });
    return inv;
  });
  const workload = { headline: corpora[0].persona_headline, invitations };
  await writeFile(path.join(OUT, 'workload.json'), JSON.stringify(workload));
  return workload;
}

function nativeScoring() {
  const run = spawnSync(
    'cargo',
    ['bench', '-q', '--bench', 'score', '--', path.join(OUT, 'workload.json'), String(SAMPLES), String(ROUNDS)],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`cargo bench failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

async function wasmScoring(browser, workload) {
  const page = await browser.context.newPage();
  await page.goto(`https://${BENCH_HOST}/engine.html`);
  const measured = await page.evaluate(
    async ({ workload, samples, rounds }) => {
      const { default: init, ScoringWorkload } = await import('/pkg/invite_triage.js');
      await init({ module_or_path: '/pkg/invite_triage_bg.wasm' });
      const run = new ScoringWorkload(workload.invitations, workload.headline);
      run.run(rounds); // warm up
      const msPerPass = [];
      for (let s = 0; s < samples; s++) {
        const start = performance.now();
        run.run(rounds);
        msPerPass.push((performance.now() - start) / rounds);
      }
      return { msPerPass, reasonsPerPass: run.run(1) };
    },
    { workload, samples: SAMPLES, rounds: ROUNDS },
  );
  await page.close();
  return measured;
}

async function scoring(browser) {
  const workload = await writeWorkload();
  const native = nativeScoring();
  const wasm = await wasmScoring(browser, workload);
  if (wasm.reasonsPerPass !== native.reasons_per_pass) {
    throw new Error(`the wasm and native engines disagree: ${wasm.reasonsPerPass} vs ${native.reasons_per_pass} reasons`);
  }
  const ratio = median(wasm.msPerPass) / median(native.ms_per_pass);
  row('Engine', `${WORKLOAD} invitations scored with reasons, wasm in Chromium`, wasm.msPerPass, 'ms', '≤ 2');
  row('Engine', `the same, native (cargo bench)`, native.ms_per_pass, 'ms');
  row('Engine', 'wasm ÷ native', [ratio.toFixed(2)], '×', '≤ 1.5');
}

// ---------------------------------------------------------------- engine start
async function engineStart(browser) {
  const worker = browser.context.serviceWorkers()[0];
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const ping = () =>
    page.evaluate(async () => {
      const start = performance.now();
      const reply = await chrome.runtime.sendMessage({ type: 'engine', request: { op: 'ping' } });
      return { ms: performance.now() - start, stats: reply.stats };
    });
  const cold = [];
  const wasmLoad = [];
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    await worker.evaluate(async () => {
      if (await chrome.offscreen.hasDocument()) await chrome.offscreen.closeDocument();
    });
    const first = await ping();
    cold.push(first.ms);
    wasmLoad.push(first.stats.wasmLoadMs);
    warm.push((await ping()).ms);
  }
  await page.close();
  row('Engine start', 'cold: offscreen document created, wasm compiled and instantiated, first answer', cold, 'ms', '≤ 100');
  row('Engine start', 'of which wasm fetch, compile and instantiate', wasmLoad, 'ms');
  row('Engine start', 'warm: a request to an engine already running', warm, 'ms');
}

// ---------------------------------------------------------------- the page
/** Opens the fixture (extension: at the invitations URL; floor: at the floor's URL) and empties its list. */
async function openEmpty(browser, mode) {
  // Each run is a first visit: the queue the worker keeps starts empty.
  await browser.context.serviceWorkers()[0].evaluate(() => chrome.storage.local.remove('queue'));
  const page = await browser.context.newPage();
  if (mode === 'extension') {
    await page.goto(INVITATIONS_URL);
    await waitForStatus(page, 'ready');
  } else {
    await page.goto(FLOOR_URL);
    await page.waitForSelector('[data-floor-done]');
  }
  await page.evaluate(() => document.querySelector('[data-fixture-list]').replaceChildren());
  if (mode === 'extension') await page.waitForFunction(() => document.documentElement.dataset.triageCount === '0');
  await page.waitForTimeout(200);
  return page;
}

/**
 * Inserts `n` new cards in one step and times it until every one is painted (the extension's
 * `data-triage-id`, or the floor's `data-floor-done`), with the long tasks seen meanwhile and the
 * extension's own phase timings of its last pass.
 */
function appendAndTime(page, n, mode) {
  return page.evaluate(
    ({ n, attr }) =>
      new Promise((resolve, reject) => {
        const list = document.querySelector('[data-fixture-list]');
        const fragment = window.__fixture.makeCards(n);
        const fresh = new Set(fragment.children);
        // Long animation frames (the Long Tasks API does not see extension content scripts):
        // every frame over 50 ms, with the time it blocked input.
        const frames = [];
        const observer = new PerformanceObserver((l) => frames.push(...l.getEntries()));
        observer.observe({ type: 'long-animation-frame' });
        let painted = 0;
        let frameMs = null;
        // When each card was painted: the viewport's cards are picked once all are (asking
        // where they are earlier would force a layout into the timed part).
        const cards = [...fresh];
        const paintedAt = new Map();
        const watcher = new MutationObserver((records) => {
          const now = performance.now() - start;
          for (const r of records) {
            if (fresh.delete(r.target)) {
              painted++;
              paintedAt.set(r.target, now);
            }
          }
          if (painted < n) return;
          const ms = performance.now() - start;
          watcher.disconnect();
          clearTimeout(timeout);
          setTimeout(() => {
            frames.push(...observer.takeRecords());
            observer.disconnect();
            const phases = Object.fromEntries(
              performance
                .getEntriesByType('measure')
                .filter((m) => m.name.startsWith('invite-triage:'))
                .map((m) => [m.name.slice('invite-triage:'.length), { ms: m.duration, ...m.detail }]),
            );
            const during = frames.filter((f) => f.startTime + f.duration >= start && f.startTime <= start + ms);
            const inView = cards.filter((card) => {
              const box = card.getBoundingClientRect();
              return box.bottom > 0 && box.top < innerHeight && box.height > 0;
            });
            const viewportMs = Math.max(0, ...inView.map((card) => paintedAt.get(card) ?? ms));
            resolve({ ms, viewportMs, frameMs, longest: Math.max(0, ...during.map((f) => f.duration)), phases });
          }, 300);
        });
        watcher.observe(list, { attributes: true, subtree: true, attributeFilter: [attr] });
        const timeout = setTimeout(() => reject(new Error(`only ${painted} of ${n} cards painted`)), 60_000);
        const start = performance.now();
        list.append(fragment);
        // The browser's own rendering of the insertion: a message posted from the next
        // animation frame is handled once that frame's style and layout are done. No answer
        // from another process can be handled before then.
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => (frameMs = performance.now() - start);
          channel.port2.postMessage(null);
        });
      }),
    { n, attr: mode === 'extension' ? 'data-triage-id' : 'data-floor-done' },
  );
}

async function heapBytes(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

async function pages(browser) {
  const measured = {};
  for (const n of SIZES) {
    for (const mode of ['extension', 'floor']) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const page = await openEmpty(browser, mode);
        const first = await appendAndTime(page, n, mode);
        const more = n <= 500 ? await appendAndTime(page, SHOW_MORE, mode) : null;
        const heap = n === 2000 ? await heapBytes(page) : null;
        runs.push({ first, more, heap });
        await page.close();
      }
      measured[`${mode}-${n}`] = runs;
    }
  }
  return measured;
}

async function pageRows(browser) {
  const m = await pages(browser);
  const get = (key, pick) => (m[key] ?? []).map(pick).filter((v) => v !== null && v !== undefined);
  const perCard = {};
  for (const n of SIZES) {
    const ext = get(`extension-${n}`, (r) => r.first.ms);
    const floor = get(`floor-${n}`, (r) => r.first.ms);
    perCard[n] = median(ext) / n;
    const budget = n === 500 ? '≤ 100' : '';
    row('Page', `${n} cards: extension, appear → all painted`, ext, 'ms', budget);
    row('Page', `${n} cards: bare floor`, floor, 'ms');
    row('Page', `${n} cards: extension ÷ floor`, [(median(ext) / median(floor)).toFixed(2)], '×', n === 500 ? '≤ 10' : '');
    row('Page', `${n} cards: the browser's own first frame of them (insertion → style and layout done), floor page`, get(`floor-${n}`, (r) => r.first.frameMs), 'ms', '', 'no reply from the engine host can be handled before it');
    row('Page', `${n} cards: the cards in the viewport (once painted) painted, after they appear`, get(`extension-${n}`, (r) => r.first.viewportMs), 'ms', n === 500 ? '≤ 30' : '');
    const phases = get(`extension-${n}`, (r) => r.first.phases);
    const phase = (name, pick = (p) => p.ms) => median(phases.map((p) => (p[name] ? pick(p[name]) : NaN)).filter(Number.isFinite));
    row(
      'Page',
      `${n} cards: where the extension's time goes (last pass, median)`,
      [],
      '',
      '',
      `snapshot ${phase('snapshot').toFixed(1)} ms (${(phase('snapshot', (p) => p.bytes) / 1024).toFixed(0)} KB) · ` +
        `engine round trip ${phase('engine').toFixed(1)} ms, of which engine ${phase('engine', (p) => p.engineMs).toFixed(1)} ms · ` +
        `paint ${phase('paint').toFixed(1)} ms`,
    );
    const ownTasks = get(`extension-${n}`, (r) => {
      const snapshot = r.first.phases.snapshot;
      return Math.max(snapshot?.longestSlice ?? snapshot?.ms ?? 0, r.first.phases.paint?.longestSlice ?? 0);
    });
    row('Page', `${n} cards: longest task of the content script (a snapshot or paint slice)`, ownTasks, 'ms', n === 2000 ? '≤ 50' : '');
    const longest = get(`extension-${n}`, (r) => r.first.longest);
    const floorLongest = get(`floor-${n}`, (r) => r.first.longest);
    const frameNote = 'long-animation-frame entries from insertion to painted; 0 = no frame over 50 ms';
    row('Page', `${n} cards: longest frame in the LinkedIn tab, extension`, longest, 'ms', '', frameNote);
    row('Page', `${n} cards: longest frame, bare floor`, floorLongest, 'ms', '', 'the insertion\'s own layout is in both');
  }
  row(
    'Page',
    'growth: ms per card at 500 ÷ at 100, at 2000 ÷ at 500',
    [(perCard[500] / perCard[100]).toFixed(2), (perCard[2000] / perCard[500]).toFixed(2)],
    '×',
    '≈ 1 (linear)',
  );
  for (const n of SIZES.filter((s) => s <= 500)) {
    const ext = get(`extension-${n}`, (r) => r.more?.ms);
    const floor = get(`floor-${n}`, (r) => r.more?.ms);
    row('Show more', `${SHOW_MORE} cards appended to ${n}: extension`, ext, 'ms', '≤ 50');
    row('Show more', `${SHOW_MORE} cards appended to ${n}: bare floor`, floor, 'ms');
    row('Show more', `${SHOW_MORE} cards appended to ${n}: extension ÷ floor`, [(median(ext) / median(floor)).toFixed(2)], '×', n === 500 ? '≤ 5' : '');
    const phases = get(`extension-${n}`, (r) => r.more?.phases).filter(Boolean);
    const phase = (name, pick = (p) => p.ms) => median(phases.map((p) => (p[name] ? pick(p[name]) : NaN)).filter(Number.isFinite));
    row(
      'Show more',
      `${SHOW_MORE} cards appended to ${n}: where the time goes (median)`,
      [],
      '',
      '',
      `snapshot ${phase('snapshot').toFixed(1)} ms (${(phase('snapshot', (p) => p.bytes) / 1024).toFixed(0)} KB) · ` +
        `engine round trip ${phase('engine').toFixed(1)} ms, of which engine ${phase('engine', (p) => p.engineMs).toFixed(1)} ms · ` +
        `paint ${phase('paint').toFixed(1)} ms`,
    );
  }
  const heapExt = get('extension-2000', (r) => r.heap);
  const heapFloor = get('floor-2000', (r) => r.heap);
  const mb = (b) => (b / 1048576).toFixed(1);
  row("Memory", "LinkedIn tab JS heap after 2,000 cards: extension", heapExt.map((b) => b / 1048576), "MB");
  row("Memory", "the same with the bare floor", heapFloor.map((b) => b / 1048576), "MB");
}

async function hostMemory(browser) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const { stats } = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'engine', request: { op: 'ping' } }));
  await page.close();
  const mb = (b) => (b / 1048576).toFixed(1);
  row('Memory', 'engine host after the 2,000-card runs: wasm linear memory', [mb(stats.wasmMemoryBytes)], 'MB');
  if (stats.jsHeapBytes) row('Memory', 'engine host: JS heap', [mb(stats.jsHeapBytes)], 'MB');
}

// ---------------------------------------------------------------- report
function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const chromium = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout?.trim();
  const rustc = spawnSync('rustc', ['--version'], { encoding: 'utf8' }).stdout?.trim();
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}; ${chromium}; ${rustc}; Node ${process.version}`;
}

function report() {
  const lines = [
    `# Invite Triage benchmarks (${results.date})`,
    '',
    `Machine: ${results.machine}. ${RUNS} runs per page figure; median (min–max).`,
    '',
    table(results.rows),
  ];
  return lines.join('\n');
}

async function serveBench(url) {
  if (url.hostname !== BENCH_HOST) return null;
  if (url.pathname === '/engine.html') {
    return { contentType: 'text/html', body: '<!doctype html><title>engine benchmark</title>' };
  }
  const name = path.basename(url.pathname);
  if (!url.pathname.startsWith('/pkg/')) return null;
  const type = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
  return { contentType: type, body: await readFile(path.join(BENCH_PKG, name)) };
}

await mkdir(OUT, { recursive: true });
if (PARTS.has('sizes')) await sizes();
const browser = await launch({
  dist: BUILD,
  routes: { [new URL(INVITATIONS_URL).pathname]: FIXTURE, [new URL(FLOOR_URL).pathname]: FIXTURE },
  alongside: [FLOOR],
  args: ['--enable-precise-memory-info'],
  serveOther: serveBench,
});
try {
  if (PARTS.has('scoring')) await scoring(browser);
  if (PARTS.has('start')) await engineStart(browser);
  if (PARTS.has('pages')) await pageRows(browser);
  if (PARTS.has('memory')) await hostMemory(browser);
} finally {
  await browser.close();
}
const text = report();
await writeFile(path.join(OUT, 'report.md'), `${text}\n`);
await writeFile(path.join(OUT, 'report.json'), JSON.stringify(results, null, 2));
console.log(text);
console.log(`\nwritten to ${path.relative(ROOT, path.join(OUT, 'report.md'))}`);
