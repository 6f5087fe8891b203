// The engine host: loads the Rust/wasm engine and answers requests. Runs in the offscreen
// document (Chromium), the background page (Firefox), the popup and the options page.
// Every decision is made in the wasm; this module only keeps one compiled Engine per settings.
let loading = null;
let current = { key: null, engine: null };
/** Which instance of the engine this is: a new one is loaded after the wasm traps. */
let generation = 0;
/** When the wasm started loading and was ready, in ms since this page's time origin. */
const started = { at: null, ready: null };

/**
 * Compiles and instantiates the wasm once; later calls reuse the same promise. Resolves to
 * `{pkg, wasm}`: the wasm-bindgen module and the instance's exports.
 */
export function loadEngine() {
  if (!loading) {
    started.at = performance.now();
    // A fresh module URL gives a fresh instance: wasm-bindgen's glue keeps one per module.
    const url = generation ? `./pkg/invite_triage.js?instance=${generation}` : './pkg/invite_triage.js';
    loading = import(url).then(async (pkg) => {
      const wasm = await pkg.default({ module_or_path: new URL('./pkg/invite_triage_bg.wasm', import.meta.url) });
      started.ready = performance.now();
      return { pkg, wasm };
    });
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/**
 * After a trap (a bug in the engine, which Rust turns into `unreachable`) the instance may be
 * half-way through a change: drop it, so the next request starts a fresh one.
 */
function discardEngine() {
  current.engine = null;
  current = { key: null, engine: null };
  loading = null;
  generation++;
}

/** The host's own figures, for `ping`: start-up times and memory in use. */
async function hostStats() {
  const { wasm } = await loadEngine();
  return {
    wasmLoadMs: started.ready - started.at,
    readyAtMs: started.ready,
    wasmMemoryBytes: wasm.memory.buffer.byteLength,
    jsHeapBytes: performance.memory?.usedJSHeapSize ?? null,
  };
}

function engineFor(pkg, settings) {
  const key = JSON.stringify(settings ?? null);
  if (key !== current.key) {
    const engine = new pkg.Engine(settings ?? undefined); // throws on invalid settings
    current.engine?.free();
    current = { key, engine };
  }
  return current.engine;
}

/**
 * Answers one engine request.
 * - `{op: 'triage', html, settings, memory}` → `{plan, engineMs}`
 * - `{op: 'score', invitation, settings}` → `{scored}`
 * - `{op: 'defaults'}` → `{settings}`
 * - `{op: 'validate', settings}` → `{outcome}`
 * - `{op: 'summarize', queue, memory, history, settings, now}` → `{summary}`
 * - `{op: 'ping'}` → `{pong, stats}` (start-up times and memory, for the benchmarks)
 * Failures come back as `{error: message}`, never as a rejection; a trap in the wasm also sets
 * `restarted: true` (the next request runs on a fresh instance).
 */
export async function handle(request) {
  try {
    const { pkg } = await loadEngine();
    switch (request?.op) {
      case 'triage': {
        const start = performance.now();
        const plan = engineFor(pkg, request.settings).triage(request.html, request.memory);
        return { plan, engineMs: performance.now() - start };
      }
      case 'score':
        return { scored: engineFor(pkg, request.settings).score(request.invitation) };
      case 'defaults':
        return { settings: pkg.defaultSettings() };
      case 'validate':
        return { outcome: pkg.validateSettings(request.settings) };
      case 'summarize':
        return {
          summary: pkg.summarize(request.queue, request.memory, request.history, request.settings ?? undefined, request.now),
        };
      case 'ping':
        return { pong: true, stats: await hostStats() };
      default:
        return { error: `unknown engine request: ${request?.op}` };
    }
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      discardEngine();
      return { error: `the triage engine stopped (${e.message}); it restarts on the next request`, restarted: true };
    }
    return { error: String(e?.message ?? e) };
  }
}
