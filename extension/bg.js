// Background: the Chromium service worker or the Firefox background page (same file).
// Relays the content script's snapshots to the engine host (engine-host.js: the offscreen
// document in Chromium, this very page in Firefox), keeps the toolbar count, and
// records the user's actions. State lives in storage, never in globals: the worker may be
// stopped at any time.
import './platform.js';
import { askEngine as engine } from './engine-host.js';
import { deleteEverything, loadMemory, loadSettings, pruneHistory, recordAction, rememberPast } from './storage.js';

const { api } = globalThis.inviteTriagePlatform;

async function settingsOrDefault() {
  try {
    return await loadSettings();
  } catch (e) {
    console.warn('Invite Triage:', e.message);
    return null;
  }
}

/**
 * The one writer: every read-modify-write of storage.local (the queue, memory, history, the
 * page's status and its reason) runs through this chain, one after another in the order asked,
 * so no write undoes another and no decision is lost. Each call resolves with its own result.
 */
/** @type {Promise<unknown>} */
let writes = Promise.resolve();
/** How many changes were ever queued (a write that nothing was queued behind may take more). */
let queued = 0;
/**
 * @template T
 * @param {() => Promise<T>} change
 * @returns {Promise<T>}
 */
function serially(change) {
  queued += 1;
  const done = writes.then(change);
  writes = done.catch(() => {});
  return done;
}
const warn = (e) => console.warn('Invite Triage:', e?.message ?? e);

/**
 * @param {TriageMessage} message
 * @param {chrome.runtime.MessageSender} sender
 * @returns {Promise<EngineReply>}
 */
async function triage(message, sender) {
  const [settings, stored, { history = [] }] = await Promise.all([settingsOrDefault(), loadMemory(), api.storage.local.get('history')]);
  // The engine counts the week's accepts; it is sent the last seven days of history, no more.
  const now = Date.now();
  const memory = { ...stored, recent: history.filter((d) => now - d.at < WEEK_MS), now, url: String(message.url ?? sender.tab?.url ?? '') };
  let reply = await engine({ op: 'triage', html: message.html, settings, memory });
  if (reply.settingsRefused) {
    // Saved settings the engine refuses (the popup and options page say why): use the defaults.
    reply = await engine({ op: 'triage', html: message.html, settings: null, memory });
  }
  // The queue and toolbar count are kept after answering: the page should not wait for them.
  // A pass from a tab closed meanwhile writes nothing: what came after it (another tab's pass,
  // "Delete everything") must not be written over by it.
  const tabId = sender.tab?.id;
  if (reply.plan?.page === 'sent') {
    serially(async () => (await tabOpen(tabId)) && rememberSent(reply.plan, tabId)).catch(warn);
  } else if (reply.plan) {
    rememberSoon({ plan: reply.plan, tabUrl: sender.tab?.url, tabId });
  }
  // Quiet mode holds even when the engine failed: the page then adds nothing either.
  return { ...reply, quiet: Boolean(reply.plan?.quiet ?? settings?.quiet) };
}

/**
 * Plans read and not yet in the queue. The parts of a long page come one after another, faster
 * than the queue is written: a plan that comes while the last queued write is a queue write
 * not yet begun goes into that write (one write, one toolbar count, the plans in the order they
 * came; nothing queued after that write is overtaken).
 * @type {{reads: {plan: Plan, tabUrl?: string, tabId?: number}[], ticket: number} | null}
 */
let pendingWrite = null;
function rememberSoon(read) {
  if (pendingWrite && pendingWrite.ticket === queued) {
    pendingWrite.reads.push(read);
    return;
  }
  const write = { reads: [read], ticket: 0 };
  pendingWrite = write;
  serially(async () => {
    if (pendingWrite === write) pendingWrite = null;
    // A pass from a tab closed meanwhile writes nothing.
    const open = new Map();
    for (const { tabId } of write.reads) if (!open.has(tabId)) open.set(tabId, await tabOpen(tabId));
    const kept = write.reads.filter((r) => open.get(r.tabId));
    const queue = kept.length ? await rememberQueue(kept) : null;
    return queue && { queue, tabId: kept.at(-1).tabId };
  })
    .then((written) => written && updateBadge(written.queue, written.tabId))
    .catch(warn);
  write.ticket = queued;
}

/** Whether the tab a pass came from is still open (a pass from no tab counts as open). */
async function tabOpen(tabId) {
  if (typeof tabId !== 'number') return true;
  return api.tabs.get(tabId).then(
    () => true,
    () => false,
  );
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** How many invitations the queue keeps (the most recently seen). */
const QUEUE_LIMIT = 1000;

/**
 * Keeps every card seen this session (LinkedIn renders only part of the queue at a time), so
 * the popup counts everything seen, and sets the toolbar count (Accept + Review, undecided).
 * A card's age is kept with the time it was first read at that age, so it grows with time.
 * Writes nothing when nothing changed. Runs inside `serially`.
 */
async function rememberQueue(reads) {
  const { queue = { cards: {} } } = await api.storage.local.get('queue');
  const now = Date.now();
  let changed = false;
  const reopened = [];
  for (const { plan, tabUrl, tabId } of reads) changed = remember(queue, plan, tabUrl, tabId, now, reopened) || changed;
  // Resolved before and on the page again: a new invitation from the same person, which the
  // old answer does not decide (what became of the old one is in memory.past).
  if (reopened.length) await forgetDecisions(reopened);
  if (!changed) return null;
  queue.updated = now;
  await api.storage.local.set({ queue });
  return queue;
}

/**
 * One plan into the queue (in place); whether anything changed. Cards read again that were
 * resolved before are added to `reopened`.
 */
function remember(queue, plan, tabUrl, tabId, now, reopened) {
  let changed = false;
  // Which list this is: the page's path and its selected tab and filter, as the engine read them.
  const list = plan.list ? `${pathOf(tabUrl)} | ${plan.list.key}` : null;
  for (const card of plan.cards) {
    const before = queue.cards[card.id];
    const days = card.days_waiting ?? null;
    const next = {
      name: card.name,
      bucket: card.bucket,
      score: card.score,
      reasons: card.reasons.slice(0, 2).map((r) => r.label), // the engine lists the strongest first
      why: card.reasons,
      profile: card.profile ?? null,
      days,
      seen: before && before.days === days && Number.isFinite(before.seen) ? before.seen : now,
      list: list ?? before?.list ?? null,
    };
    if (!before || before.resolved || JSON.stringify(before) !== JSON.stringify(next)) {
      queue.cards[card.id] = next; // read as a card again: not resolved (any more)
      if (before?.resolved) reopened.push(card.id);
      changed = true;
    }
  }
  for (const { id, how } of plan.resolved ?? []) changed = markResolved(queue, id, how, now) || changed;
  // A whole list read (its filter's count read in full): what it held before and is missing
  // now was resolved on LinkedIn (accepted or ignored elsewhere, or withdrawn by its sender).
  if (plan.list?.complete && list) {
    const read = new Set(plan.cards.map((c) => c.id));
    for (const [id, card] of Object.entries(queue.cards)) {
      if (card.list === list && !read.has(id)) changed = markResolved(queue, id, 'gone', now) || changed;
    }
  }
  // Bounded: the most recently seen cards (a queue longer than this is not read one by one).
  const ids = Object.keys(queue.cards);
  if (ids.length > QUEUE_LIMIT) {
    ids.sort((a, b) => (queue.cards[b].seen ?? 0) - (queue.cards[a].seen ?? 0));
    for (const id of ids.slice(QUEUE_LIMIT)) delete queue.cards[id];
    changed = true;
  }
  // The page's state, and what it could not read, for the popup: never skipped in silence
  // (one part of a long page says nothing of the whole). The tab it was read in: the side
  // panel acts there.
  const page = { ...pageState(plan), tab: tabId ?? queue.tab ?? null };
  for (const [key, value] of Object.entries(page)) {
    if (queue[key] !== value) {
      queue[key] = value;
      changed = true;
    }
  }
  if ('reason' in queue) {
    delete queue.reason;
    changed = true;
  }
  return changed;
}

/**
 * Brings the sent invitations' ledger (storage.local `sent`) up to date with one read of the
 * Sent tab or one withdraw (the engine decides what became of each). The page's state and tab
 * are kept beside it for the popup and the side panel. Runs inside `serially`.
 * @param {{cards?: SentObserved[], present?: string[], complete?: boolean, withdrawn?: string[]}} observation
 */
async function observeSent(observation, page = {}) {
  const { sent = { entries: {} } } = await api.storage.local.get('sent');
  const reply = await engine({ op: 'observeSent', ledger: sent, observation, now: Date.now() });
  if (!reply.ledger) throw new Error(reply.error ?? 'the engine did not answer');
  const next = { ...sent, ...page, entries: reply.ledger.entries };
  // A pass that changed nothing writes nothing (the popup and the panel follow every write).
  if (JSON.stringify({ ...next, updated: 0 }) === JSON.stringify({ ...sent, updated: 0 })) return;
  await api.storage.local.set({ sent: { ...next, updated: Date.now() } });
}

/** A read of the Sent tab, for the ledger: every card read, and whether that is the whole list. */
function rememberSent(plan, tabId) {
  const cards = (plan.sent ?? []).map((c) => ({ id: c.id, name: c.name, profile: c.profile ?? null, days: c.days ?? null, withdraw: Boolean(c.withdraw) }));
  const page = { ...pageState(plan), tab: tabId ?? null };
  return observeSent({ cards, present: plan.known_ids ?? [], complete: Boolean(plan.list?.complete), withdrawn: [] }, page);
}

/** The page's state as a plan read it, for the popup; none from one part of a long page. */
function pageState(plan) {
  if (plan.partial) return {};
  return { status: plan.status, unreadable: plan.unreadable, lang: plan.lang ?? null, langUnsupported: plan.lang_unsupported };
}

/** Drops the user's last answer to these cards (their invitations are new). */
async function forgetDecisions(ids) {
  const { memory } = await api.storage.local.get('memory');
  if (!memory?.decisions || !ids.some((id) => id in memory.decisions)) return;
  for (const id of ids) delete memory.decisions[id];
  await api.storage.local.set({ memory });
}

/** A URL's path ("" when there is none). */
function pathOf(url) {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/** Marks a card of the queue resolved on LinkedIn (`accepted`, `ignored`, `gone`); whether it changed. */
function markResolved(queue, id, how, at) {
  const card = queue.cards[id];
  if (!card || card.resolved) return false;
  card.resolved = { at, how };
  return true;
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
  /**
   * One of our buttons (on the page or in the side panel) acted, with what LinkedIn made of
   * it (`outcome`). A polite decline LinkedIn took is remembered: the same person inviting
   * again is a repeat inviter.
   */
  async action(message) {
    const queue = await serially(async () => {
      await recordAction({ ...message, via: 'extension' });
      if (message.action === 'decline' && message.outcome === 'done') await rememberPast(message.id, 'declined');
      if (message.action === 'withdraw' && message.outcome === 'done') await observeSent({ withdrawn: [String(message.id)] });
      return (await api.storage.local.get('queue')).queue;
    });
    if (queue) await updateBadge(queue).catch(warn);
    return { ok: true };
  },
  /**
   * Cards that went away after LinkedIn's Accept or Ignore was clicked in them. Clicked by the
   * user on LinkedIn's own buttons (`via: 'linkedin'`), an accept counts in the week's budget
   * and an ignore is remembered for a repeat invitation; ours were recorded as actions.
   */
  async resolved(message) {
    const queue = await serially(async () => {
      // Withdrawn with LinkedIn's own Withdraw (ours are recorded as actions).
      const withdrawn = (message.resolved ?? []).filter((r) => r.how === 'withdrawn' && r.via === 'linkedin').map((r) => String(r.id));
      if (withdrawn.length) {
        await observeSent({ withdrawn });
        for (const id of withdrawn) await recordAction({ id, action: 'withdraw', outcome: 'done', via: 'linkedin' });
      }
      const { queue } = await api.storage.local.get('queue');
      if (!queue) return null;
      const now = Date.now();
      let changed = false;
      for (const r of message.resolved ?? []) {
        const id = String(r.id);
        if (!markResolved(queue, id, String(r.how), now)) continue;
        changed = true;
        if (r.via !== 'linkedin') continue;
        if (r.how === 'accepted') await recordAction({ id, action: 'accept', outcome: 'accepted', via: 'linkedin' });
        else if (r.how === 'ignored') await rememberPast(id, 'ignored');
      }
      if (!changed) return null;
      await api.storage.local.set({ queue });
      return queue;
    });
    if (queue) await updateBadge(queue).catch(warn);
    return { ok: true };
  },
  /** The content script's batch: kept for the side panel, with the tab it runs in. */
  async batch(message, sender) {
    await serially(() => api.storage.local.set({ batch: { ...message.state, tab: sender.tab?.id ?? null, updated: Date.now() } }));
    return { ok: true };
  },
  /** "Delete everything" (the options page): all that the extension stored, in the one writer's turn. */
  async forget() {
    const deleted = await serially(deleteEverything);
    await updateBadge(null).catch(warn);
    return { deleted };
  },
  engine: (message) => engine(message.request),
  /**
   * The note coach (coach.js): LinkedIn's "Add a note" box scored by the engine. In quiet mode
   * the engine is not asked and the page adds nothing.
   */
  async coach(message) {
    const settings = await settingsOrDefault();
    if (settings?.quiet) return { quiet: true };
    const request = { op: /** @type {const} */ ('coach'), html: String(message.dialog ?? ''), note: String(message.note ?? '') };
    const reply = await engine({ ...request, settings });
    return reply.settingsRefused ? engine({ ...request, settings: null }) : reply;
  },
  /** When the weekly reminder fires next (for the options page), or null when it is off. */
  async reminder() {
    await scheduleReminder();
    const alarm = await api.alarms.get(REMINDER);
    return { next: alarm?.scheduledTime ?? null };
  },
  /** The page could not be triaged (engine blocked): keep the reason for the popup. */
  async status(message) {
    await serially(async () => {
      const { queue = { cards: {} } } = await api.storage.local.get('queue');
      Object.assign(queue, { status: message.status, reason: message.reason, updated: Date.now() });
      await api.storage.local.set({ queue });
    });
    return { ok: true };
  },
};

/** The batch's tab closed or loaded another page: the batch stopped, and the panel says so. */
async function batchTabGone(tabId, why) {
  await serially(async () => {
    const { batch } = await api.storage.local.get('batch');
    if (!batch?.running || batch.tab !== tabId) return;
    const outcomes = { ...batch.outcomes };
    for (const id of batch.go ?? []) outcomes[id] ??= 'stopped';
    await api.storage.local.set({ batch: { ...batch, running: false, current: null, outcomes, stopped: { why }, updated: Date.now() } });
  });
}
api.tabs.onRemoved.addListener((tabId) => batchTabGone(tabId, 'tab-closed').catch(warn));
api.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') batchTabGone(tabId, 'navigation').catch(warn);
});

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

// ------------------------------------------------------------------ the decisions log's retention
// Entries older than `history.retention_days` are deleted: on every write of the log
// (storage.js), when the browser starts, when the extension is installed or updated, when the
// settings change, and once a day (an alarm) for a browser left open.
const RETENTION = 'history-retention';
const prune = () => serially(() => pruneHistory()).catch(warn);

api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RETENTION) prune();
});

async function startUp() {
  prune();
  if (!(await api.alarms.get(RETENTION))) await api.alarms.create(RETENTION, { periodInMinutes: 24 * 60 });
  await scheduleReminder();
}

api.storage.onChanged.addListener((_changes, area) => {
  if (area !== 'sync') return;
  scheduleReminder();
  prune();
});
api.runtime.onStartup?.addListener(startUp);
api.runtime.onInstalled?.addListener(startUp);
