// The engine host: loads the Rust/wasm engine and answers requests. Runs in the offscreen
// document (Chromium), the background page (Firefox), the popup and the options page.
// Every decision is made in the wasm; this module only keeps one compiled Engine per settings.
import init, { Engine, defaultSettings, summarize, validateSettings } from './pkg/invite_triage.js';

let loading = null;
let current = { key: null, engine: null };

/** Compiles and instantiates the wasm once; later calls reuse the same promise. */
export function loadEngine() {
  loading ??= init({ module_or_path: new URL('./pkg/invite_triage_bg.wasm', import.meta.url) });
  return loading;
}

function engineFor(settings) {
  const key = JSON.stringify(settings ?? null);
  if (key !== current.key) {
    const engine = new Engine(settings ?? undefined); // throws on invalid settings
    current.engine?.free();
    current = { key, engine };
  }
  return current.engine;
}

/**
 * Answers one engine request.
 * - `{op: 'triage', html, settings, memory}` → `{plan}`
 * - `{op: 'score', invitation, settings}` → `{scored}`
 * - `{op: 'defaults'}` → `{settings}`
 * - `{op: 'validate', settings}` → `{outcome}`
 * - `{op: 'summarize', queue, memory, history, settings, now}` → `{summary}`
 * Failures come back as `{error: message}`, never as a rejection.
 */
export async function handle(request) {
  try {
    await loadEngine();
    switch (request?.op) {
      case 'triage':
        return { plan: engineFor(request.settings).triage(request.html, request.memory) };
      case 'score':
        return { scored: engineFor(request.settings).score(request.invitation) };
      case 'defaults':
        return { settings: defaultSettings() };
      case 'validate':
        return { outcome: validateSettings(request.settings) };
      case 'summarize':
        return {
          summary: summarize(request.queue, request.memory, request.history, request.settings ?? undefined, request.now),
        };
      case 'ping':
        return { pong: true };
      default:
        return { error: `unknown engine request: ${request?.op}` };
    }
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
}
