// The idle page: an invitations page the user leaves open while its other regions keep changing
// (a clock in the nav, a notification count, chat overlays coming and going). Counts, over one
// minute, the engine's triage requests and the storage.local writes the extension makes.
// Goal: 0 of each (the budget "no work for nothing", BENCHMARKS.md).
//
//   node tests/bench/idle.mjs                 the current dist/
//   IDLE_COMPARE=<dir> node tests/bench/idle.mjs   also another unpacked build, in the same run
//   IDLE_SECONDS=n                            measure n seconds instead of 60 (scaled per minute)
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DIST, ROOT, launch, openInvitations } from '../e2e/harness.mjs';

const SECONDS = Number(process.env.IDLE_SECONDS ?? 60);
const builds = [['this build', DIST]];
if (process.env.IDLE_COMPARE) builds.push(['compared build', path.resolve(process.env.IDLE_COMPARE)]);

async function measure(dist) {
  const browser = await launch({ dist });
  try {
    const page = await openInvitations(browser, 'era-c2.html', { status: 'ready' });
    const worker = browser.context.serviceWorkers()[0];
    // Let the first read settle: its queue write is not idle work.
    await worker.evaluate(
      () =>
        new Promise((resolve) => {
          const ready = async () => Object.keys((await chrome.storage.local.get('queue')).queue?.cards ?? {}).length > 0;
          const check = async () => {
            if (!(await ready())) return;
            chrome.storage.onChanged.removeListener(check);
            resolve();
          };
          chrome.storage.onChanged.addListener(check);
          check();
        }),
    );
    await worker.evaluate(() => {
      globalThis.__idle = { triage: 0, writes: 0 };
      const send = chrome.runtime.sendMessage;
      const set = chrome.storage.local.set;
      chrome.runtime.sendMessage = function counted(...args) {
        if (args[0]?.target === 'engine' && args[0].op === 'triage') globalThis.__idle.triage += 1;
        return send.apply(chrome.runtime, args);
      };
      chrome.storage.local.set = function counted(...args) {
        globalThis.__idle.writes += 1;
        return set.apply(chrome.storage.local, args);
      };
    });
    await page.evaluate(async (seconds) => {
      const nav = document.querySelector('header nav') ?? document.body;
      const clock = nav.appendChild(document.createElement('span'));
      const badge = nav.appendChild(document.createElement('span'));
      const end = performance.now() + seconds * 1000;
      for (let tick = 0; performance.now() < end; tick++) {
        clock.textContent = new Date().toISOString().slice(11, 19);
        badge.textContent = String(tick % 100);
        if (tick % 20 === 0) {
          const chat = document.body.appendChild(document.createElement('aside'));
          chat.textContent = `New message ${tick}`;
          setTimeout(() => chat.remove(), 2000);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }, SECONDS);
    const counted = await worker.evaluate(() => globalThis.__idle);
    return { enginePerMinute: (counted.triage * 60) / SECONDS, writesPerMinute: (counted.writes * 60) / SECONDS };
  } finally {
    await browser.close();
  }
}

const results = [];
for (const [name, dist] of builds) {
  const figures = await measure(dist);
  results.push({ build: name, ...figures });
  console.log(`${name}: ${figures.enginePerMinute} engine calls and ${figures.writesPerMinute} storage writes per idle minute`);
}
const out = path.join(ROOT, 'target/bench');
await mkdir(out, { recursive: true });
await writeFile(path.join(out, 'idle.json'), `${JSON.stringify({ seconds: SECONDS, results }, null, 2)}\n`);
