// The engine host: loads the Rust/wasm engine and answers requests. Runs in the offscreen
// document (Chromium), the background page (Firefox), the popup and the options page.
// Every decision is made in the wasm; this module only keeps one compiled Engine per settings.
import './platform.js';
import init, { Engine, defaultSettings, inspect, observeSent, planBatch, planWithdrawBatch, reviewQueue, sentStats, summarize, validateSettings } from './pkg/invite_triage.js';

let loading = null;
let current = { key: null, engine: null };
/** When the wasm started loading and was ready, in ms since this page's time origin. */
const started = { at: null, ready: null };

/** Compiles and instantiates the wasm once (later calls reuse it); resolves to its exports. */
export function loadEngine() {
  if (!loading) {
    started.at = performance.now();
    loading = init({ module_or_path: new URL('./pkg/invite_triage_bg.wasm', import.meta.url) }).then((wasm) => {
      started.ready = performance.now();
      return wasm;
    });
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/**
 * Whether this page holds the user's work (the options page, the popup): a trap then must not
 * reload it. Such pages call `keepPageOnTrap()`.
 */
let pageHoldsWork = false;
/** After a trap in a page that holds work, requests go to the engine host instead. */
let trapped = false;

/** Called by pages that hold the user's unsaved work: an engine trap never reloads them. */
export function keepPageOnTrap() {
  pageHoldsWork = true;
}

/**
 * After a trap (a bug in the engine, which Rust turns into `unreachable`) the instance may be
 * half-way through a change, and wasm-bindgen keeps one instance per page. The engine host (the
 * offscreen document, Firefox's background page) reloads: the next request finds a fresh one.
 * A page that holds the user's work keeps it: from then on it asks the engine host, through
 * the worker, and never reloads.
 */
function restartEngine() {
  if (pageHoldsWork) trapped = true;
  else setTimeout(() => location.reload(), 0);
}

/** The same request, answered by the engine host (through the worker). */
function askHost(request) {
  return globalThis.inviteTriagePlatform.api.runtime.sendMessage({ type: 'engine', request });
}

/**
 * The host's own figures, for `ping`: start-up times and memory in use.
 * @returns {Promise<HostStats>}
 */
async function hostStats() {
  const wasm = await loadEngine();
  return {
    wasmLoadMs: started.ready - started.at,
    readyAtMs: started.ready,
    wasmMemoryBytes: wasm.memory.buffer.byteLength,
    jsHeapBytes: performance.memory?.usedJSHeapSize ?? null,
  };
}

/** Settings the engine refuses (never written by this release, e.g. edited by hand). */
class SettingsRefused extends Error {}

function engineFor(settings) {
  const key = JSON.stringify(settings ?? null);
  if (key !== current.key) {
    let engine;
    try {
      engine = new Engine(settings ?? undefined);
    } catch (e) {
      throw new SettingsRefused(String(e?.message ?? e));
    }
    current.engine?.free();
    current = { key, engine };
  }
  return current.engine;
}

/**
 * Answers one engine request.
 * - `{op: 'triage', html, settings, memory}` → `{plan, engineMs}`
 * - `{op: 'preview', sample, settings}` → `{preview}`: the options page's sample invitation
 *   (`{kind, name, headline, mutual, age, note, has_photo, target}`, texts as LinkedIn shows
 *   them) read as a card on the page is read, scored and given its suggestions:
 *   `{card, bucket_words}`, `card` shaped as a card of the paint plan
 * - `{op: 'defaults'}` → `{settings}`
 * - `{op: 'validate', settings}` → `{outcome}`
 * - `{op: 'summarize', queue, memory, history, settings, now}` → `{summary}`
 * - `{op: 'review', queue, memory, history, settings, now}` → `{review}`: the side panel's
 *   queue, grouped and best first, with the batch's candidates and the week
 * - `{op: 'batch', ids, history, settings, now}` → `{batch}`: which ticked ids a batch accepts,
 *   which are past the budget or wait for a next batch, and the pace
 * - `{op: 'withdrawBatch', ids, settings}` → `{batch}`: the batch withdraw of the ticked sent
 *   invitations: which go now, which wait for a next batch, and the pace
 * - `{op: 'observeSent', ledger, observation, now}` → `{ledger}`: the sent invitations' ledger
 *   brought up to date with one read of the Sent tab or one withdraw
 * - `{op: 'sentStats', ledger, now}` → `{sentStats}`: pending, the oldest, the acceptance rate
 * - `{op: 'ping'}` → `{pong, stats}` (start-up times and memory, for the benchmarks)
 * - `{op: 'inspect', html}` → `{inspection}`: the diagnostics channel, what the reader saw in a
 *   snapshot, unscored: `{parents, unreadable, cards}` (see `inspect` in src/web/mod.rs). Tests
 *   hold it to the live DOM's tree and the fixtures' truth.
 * - `{op: 'coach', html, note, settings}` → `{coaching}`: the note coach's score, reasons,
 *   length against the limit and filled templates (see `coach` in src/web/mod.rs)
 * Failures come back as `{error: message}`, never as a rejection; a trap in the wasm also sets
 * `restarted: true`, and the hosting page reloads with a fresh instance; settings the engine
 * refuses set `settingsRefused: true`. The requests and answers are typed in types/messages.d.ts.
 * @param {EngineRequest} request
 * @returns {Promise<EngineReply>}
 */
export async function handle(request) {
  if (trapped) return askHost(request);
  try {
    await loadEngine();
    switch (request?.op) {
      case 'triage': {
        const start = performance.now();
        const plan = engineFor(request.settings).triage(request.html, request.memory);
        return { plan, engineMs: performance.now() - start };
      }
      case 'preview':
        return { preview: engineFor(request.settings).preview(request.sample) };
      case 'defaults':
        return { settings: defaultSettings() };
      case 'validate':
        return { outcome: validateSettings(request.settings) };
      case 'summarize':
        return {
          summary: summarize(request.queue, request.memory, request.history, request.settings ?? undefined, request.now),
        };
      case 'review':
        return {
          review: reviewQueue(request.queue, request.memory, request.history, request.settings ?? undefined, request.now),
        };
      case 'batch':
        return { batch: planBatch(request.ids, request.history, request.settings ?? undefined, request.now) };
      case 'withdrawBatch':
        return { batch: planWithdrawBatch(request.ids, request.settings ?? undefined) };
      case 'observeSent':
        return { ledger: observeSent(request.ledger ?? null, request.observation, request.now) };
      case 'sentStats':
        return { sentStats: sentStats(request.ledger ?? null, request.now) };
      case 'ping':
        return { pong: true, stats: await hostStats() };
      case 'inspect':
        return { inspection: inspect(request.html) };
      case 'coach':
        // The note coach (coach.js): the dialog's snapshot and the note, scored.
        return { coaching: engineFor(request.settings).coach(request.html, request.note) };
      default:
        // Callers are typed, but a message from elsewhere may carry anything.
        return { error: `unknown engine request: ${/** @type {any} */ (request)?.op}` };
    }
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      restartEngine();
      return { error: `the triage engine stopped (${e.message}); it is restarting`, restarted: true };
    }
    if (e instanceof SettingsRefused) return { error: e.message, settingsRefused: true };
    return { error: String(e?.message ?? e) };
  }
}
