// Background: the Chromium service worker or the Firefox background page (same file).
// Relays the content script's snapshots to the engine host (engine-host.js: the offscreen
// document in Chromium, this very page in Firefox), keeps the toolbar count, and
// records the user's actions. State lives in storage, never in globals: the worker may be
// stopped at any time.
import './platform.js';
import { askEngine as engine } from './engine-host.js';
import { loadMemory, loadSettings, recordAction } from './storage.js';

const { api } = globalThis.inviteTriagePlatform;

async function settingsOrDefault() {
  try {
    return await loadSettings();
  } catch (e) {
    console.warn('Invite Triage:', e.message);
    return null;
  }
}

/** Queue updates run one after another, so two passes never overwrite each other's cards. */
let queueUpdates = Promise.resolve();
const warn = (e) => console.warn('Invite Triage:', e?.message ?? e);

/**
 * @param {TriageMessage} message
 * @param {chrome.runtime.MessageSender} sender
 * @returns {Promise<EngineReply>}
 */
async function triage(message, sender) {
  const [settings, memory] = await Promise.all([settingsOrDefault(), loadMemory()]);
  let reply = await engine({ op: 'triage', html: message.html, settings, memory });
  if (reply.settingsRefused) {
    // Saved settings the engine refuses (the popup and options page say why): use the defaults.
    reply = await engine({ op: 'triage', html: message.html, settings: null, memory });
  }
  // The queue and toolbar count are kept after answering: the page should not wait for them.
  if (reply.plan) queueUpdates = queueUpdates.then(() => rememberQueue(reply.plan, sender.tab?.id)).catch(warn);
  return reply;
}

/** How many invitations the queue keeps (the most recently seen). */
const QUEUE_LIMIT = 1000;

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
      reasons: card.reasons.slice(0, 2).map((r) => r.label), // the engine lists the strongest first
      days: card.days_waiting ?? null,
      seen: Date.now(),
    };
  }
  // Bounded: the most recently seen cards (a queue longer than this is not read one by one).
  const ids = Object.keys(queue.cards);
  if (ids.length > QUEUE_LIMIT) {
    ids.sort((a, b) => queue.cards[b].seen - queue.cards[a].seen);
    for (const id of ids.slice(QUEUE_LIMIT)) delete queue.cards[id];
  }
  queue.status = plan.status;
  // What the page could not read, for the popup: never skipped in silence.
  queue.unreadable = plan.unreadable;
  queue.lang = plan.lang ?? null;
  queue.langUnsupported = plan.lang_unsupported;
  delete queue.reason;
  queue.updated = Date.now();
  await api.storage.local.set({ queue });
  await updateBadge(queue, tabId);
}

/**
 * Accept + Review invitations not acted on yet, as the engine's summary counts them (the same
 * number the popup shows), or null when the queue is unknown.
 */
async function waitingCount(queue) {
  if (!queue) return null;
  const [memory, settings, { history = [] }] = await Promise.all([
    loadMemory(),
    settingsOrDefault(),
    api.storage.local.get('history'),
  ]);
  const reply = await engine({ op: 'summarize', queue, memory, history, settings, now: Date.now() });
  return reply.summary ? reply.summary.accept + reply.summary.review : null;
}

async function updateBadge(queue, tabId) {
  const waiting = await waitingCount(queue);
  const text = waiting ? String(waiting) : '';
  await api.action.setBadgeBackgroundColor({ color: '#0a66c2' });
  await api.action.setBadgeText({ text });
  if (tabId !== undefined) await api.action.setBadgeText({ tabId, text });
}

/** @type {WorkerHandlers} */
const handlers = {
  triage,
  async action(message) {
    await recordAction(message);
    const { queue } = await api.storage.local.get('queue');
    if (queue) await updateBadge(queue);
    return { ok: true };
  },
  engine: (message) => engine(message.request),
  /** When the weekly reminder fires next (for the options page), or null when it is off. */
  async reminder() {
    await scheduleReminder();
    const alarm = await api.alarms.get(REMINDER);
    return { next: alarm?.scheduledTime ?? null };
  },
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

// ------------------------------------------------------------------ weekly review reminder
const REMINDER = 'weekly-review';
const WEEK_MINUTES = 7 * 24 * 60;
const INVITATIONS = 'https://www.linkedin.com/mynetwork/invitation-manager/';

/** The next time (ms) it is `weekday` (0 Sunday) at `hour`:00 local time, after `now`. */
export function nextReminder(now, weekday, hour) {
  const at = new Date(now);
  at.setHours(hour, 0, 0, 0);
  at.setDate(at.getDate() + ((weekday - at.getDay() + 7) % 7));
  if (at.getTime() <= now) at.setDate(at.getDate() + 7);
  return at.getTime();
}

/** Creates or clears the reminder alarm from the saved settings (alarms outlive the worker). */
async function scheduleReminder() {
  const settings = await settingsOrDefault();
  const reminder = settings?.reminder;
  if (!reminder?.enabled) {
    await api.alarms.clear(REMINDER);
    return;
  }
  const when = nextReminder(Date.now(), reminder.weekday ?? 5, reminder.hour ?? 9);
  const existing = await api.alarms.get(REMINDER);
  if (existing && Math.abs(existing.scheduledTime - when) < 60_000) return;
  await api.alarms.create(REMINDER, { when, periodInMinutes: WEEK_MINUTES });
}

api.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== REMINDER) return;
  const { queue } = await api.storage.local.get('queue');
  const waiting = await waitingCount(queue);
  await api.notifications.create(REMINDER, {
    type: 'basic',
    iconUrl: api.runtime.getURL('icons/icon-128.png'),
    title: api.i18n.getMessage('reminderTitle'),
    message: waiting === null ? api.i18n.getMessage('reminderBodyNone') : api.i18n.getMessage('reminderBody', [String(waiting)]),
  });
});

api.notifications.onClicked.addListener((id) => {
  if (id === REMINDER) api.tabs.create({ url: INVITATIONS });
});

api.storage.onChanged.addListener((_changes, area) => {
  if (area === 'sync') scheduleReminder();
});
api.runtime.onStartup?.addListener(scheduleReminder);
api.runtime.onInstalled?.addListener(scheduleReminder);
