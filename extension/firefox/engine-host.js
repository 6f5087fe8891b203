// Firefox's engine host, for the background page: an event page has a DOM and may compile the
// wasm under the extension's CSP, so the engine runs right here. The build puts this file at the
// root of dist-firefox/ as engine-host.js; Chromium gets chromium/engine-host.js instead.
import { handle } from './engine.js';

/**
 * Answers an engine request in this page. Never rejects: a failure is `{error}`.
 * @param {EngineRequest} request
 * @returns {Promise<EngineReply>}
 */
export function askEngine(request) {
  return handle(request);
}
