// Background: the Chromium service worker or the Firefox background page (same file).
// Relays the content script's snapshots to the engine host, keeps the toolbar count, and
// records the user's actions. State lives in storage, never in globals: the worker may be
// stopped at any time.
import { handle as engineHere } from './engine.js';
import { loadMemory, loadSettings, recordAction } from './storage.js';

const api = globalThis.browser ?? globalThis.chrome;
const OFFSCREEN_URL = 'offscreen.html';
/** Chromium has no DOM in the worker: the engine lives in an offscreen document there. */
const useOffscreen = Boolean(globalThis.chrome?.offscreen);

let creating = null;
async function ensureOffscreen() {
  if (await chrome.offscreen.hasDocument()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: ['DOM_PARSER'],
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

/** Sends a request to the engine host and returns its answer. */
async function engine(request) {
  if (!useOffscreen) return engineHere(request);
  await ensureOffscreen();
  const reply = await chrome.runtime.sendMessage({ ...request, target: 'engine' });
  return reply ?? { error: 'the engine host did not answer' };
}

async function settingsOrDefault() {
  try {
    return await loadSettings();
  } catch (e) {
    console.warn('Invite Triage:', e.message);
    return null;
  }
}

async function triage(message, sender) {
  const [settings, memory] = await Promise.all([settingsOrDefault(), loadMemory()]);
  const reply = await engine({ op: 'triage', html: message.html, settings, memory });
  if (reply.plan) await rememberQueue(reply.plan, sender.tab?.id);
  return reply;
}

/**
 * Keeps every card seen this session (LinkedIn renders only part of the queue at a time), so
 * the popup counts everything seen, and sets the toolbar count (Accept + Review, undecided).
 */
async function rememberQueue(plan, tabId) {
  const { queue = { cards: {} } } = await api.storage.local.get('queue');
  for (const card of plan.cards) {
    queue.cards[card.id] = {
      name: card.name,
      bucket: card.bucket,
      score: card.score,
      reasons: card.reasons
        .slice()
        .sort((a, b) => Math.abs(parseInt(b.points, 10)) - Math.abs(parseInt(a.points, 10)))
        .slice(0, 2)
        .map((r) => r.label),
      days: card.days_waiting ?? null,
      seen: Date.now(),
    };
  }
  queue.status = plan.status;
  delete queue.reason;
  queue.updated = Date.now();
  await api.storage.local.set({ queue });
  await updateBadge(queue, tabId);
}

async function updateBadge(queue, tabId) {
  const { decisions } = await loadMemory();
  const waiting = Object.entries(queue.cards).filter(
    ([id, c]) => c.bucket !== 'ignore' && !decisions[id],
  ).length;
  await api.action.setBadgeBackgroundColor({ color: '#0a66c2' });
  await api.action.setBadgeText({ text: waiting ? String(waiting) : '' });
  if (tabId !== undefined) await api.action.setBadgeText({ tabId, text: waiting ? String(waiting) : '' });
}

const handlers = {
  triage,
  async action(message) {
    await recordAction(message);
    const { queue } = await api.storage.local.get('queue');
    if (queue) await updateBadge(queue);
    return { ok: true };
  },
  engine: (message) => engine(message.request),
  /** The page could not be triaged (engine blocked): keep the reason for the popup. */
  async status(message) {
    const { queue = { cards: {} } } = await api.storage.local.get('queue');
    Object.assign(queue, { status: message.status, reason: message.reason, updated: Date.now() });
    await api.storage.local.set({ queue });
    return { ok: true };
  },
};

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.target === 'engine') return false; // for the offscreen document
  const handler = handlers[message?.type];
  if (!handler) return false;
  Promise.resolve(handler(message, sender))
    .catch((e) => ({ error: String(e?.message ?? e) }))
    .then(sendResponse);
  return true;
});
