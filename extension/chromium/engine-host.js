// Chromium's engine host, for the service worker: the worker has no DOM and LinkedIn's CSP
// forbids wasm in the content script, so the engine runs in an offscreen document
// (offscreen.html, reason DOM_PARSER) and requests go to it as runtime messages. The build puts
// this file at the root of dist/ as engine-host.js; Firefox gets firefox/engine-host.js instead.
import './platform.js';

const { api } = globalThis.inviteTriagePlatform;
const OFFSCREEN_URL = 'offscreen.html';

/** @type {Promise<void> | null} */
let creating = null;
/** Whether the host answered the last request: then the next one goes without asking first. */
let hostUp = false;
async function ensureOffscreen() {
  if (await chrome.offscreen.hasDocument()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: [chrome.offscreen.Reason.DOM_PARSER],
      justification: 'Reads a copy of the invitations page with the triage engine.',
    })
    .catch((e) => {
      if (!String(e?.message).includes('single offscreen')) throw e;
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

/**
 * Sends a request to the engine host and returns its answer. A host that went away mid-request
 * (the offscreen document closed or crashed) is recreated and asked once more. Never rejects:
 * a failure is `{error}`.
 * @param {EngineRequest} request
 * @returns {Promise<EngineReply>}
 */
export async function askEngine(request) {
  let failure = 'no answer';
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      if (!hostUp) await ensureOffscreen();
      /** @type {EngineHostMessage} */
      const message = { ...request, target: 'engine' };
      /** @type {EngineReply | undefined} */
      const reply = await api.runtime.sendMessage(message);
      hostUp = Boolean(reply);
      if (reply) return reply;
    } catch (e) {
      hostUp = false;
      failure = String(e?.message ?? e);
    }
  }
  return { error: `the engine host did not answer (${failure})` };
}
