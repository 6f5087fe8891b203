// Toolbar popup: the queue at a glance. The summary (counts, best opportunities, stale
// invitations, notes, the week against the budget) is computed by the engine; this file only
// reads storage and wires the buttons.
import { handle, keepPageOnTrap } from './engine.js';
import { el, localize, t } from './i18n.js';
import './platform.js';
import { loadMemory, loadSettings, storeProblemText } from './storage.js';

// This page holds the user's work: an engine trap must not reload it.
keepPageOnTrap();

const { api } = globalThis.inviteTriagePlatform;
const view = document.getElementById('view');
const INVITATIONS = 'https://www.linkedin.com/mynetwork/invitation-manager/';

/** The active tab, when it shows the received-invitations page. */
async function invitationsTab() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  const url = tab?.url ?? '';
  return url.startsWith(INVITATIONS) && !url.startsWith(`${INVITATIONS}sent`) ? tab : null;
}

function openInvitationsButton() {
  const open = el('button', { type: 'button', class: 'primary', id: 'open-invitations' }, t('openInvitations'));
  open.addEventListener('click', async () => {
    await api.tabs.create({ url: INVITATIONS });
    window.close();
  });
  return open;
}

/** `words`: the message key of each bucket's word, as the engine's summary gives it. */
function entryList(title, entries, tab, kind, words) {
  if (!entries.length) return null;
  return el(
    'section',
    { class: `list ${kind}`, 'aria-label': title },
    el('h2', {}, title),
    el(
      'ul',
      {},
      ...entries.map((e) => {
        const button = el(
          'button',
          { type: 'button', class: 'entry', 'data-id': e.id, title: t('revealHint') },
          el('span', { class: `chip ${e.bucket}` }, `${t(words[e.bucket])} ${e.score}`),
          el('span', { class: 'who' }, e.name || e.id),
          el('span', { class: 'detail' }, e.detail),
        );
        button.addEventListener('click', () => reveal(e.id, tab));
        return el('li', {}, button);
      }),
    ),
  );
}

/** Scrolls the page to the card, or opens the invitations page when the popup is elsewhere. */
async function reveal(id, tab) {
  if (!tab) {
    await api.tabs.create({ url: INVITATIONS });
  } else {
    /** @type {RevealMessage} */
    const message = { type: 'reveal', id };
    await api.tabs.sendMessage(tab.id, message).catch(() => {});
  }
  window.close();
}

/** What the page could not read, in words: a language without a table, a layout, or none. */
function unreadableText(queue) {
  const count = queue?.unreadable ?? 0;
  if (queue?.langUnsupported && queue.lang) {
    let language = queue.lang;
    try {
      language = new Intl.DisplayNames([api.i18n.getUILanguage()], { type: 'language' }).of(queue.lang) ?? queue.lang;
    } catch {
      // An odd code: name it as it is.
    }
    return t('statusUnsupportedLanguage', language, count);
  }
  if (queue?.status === 'unrecognized') return t('statusUnrecognized');
  return count > 0 ? t('statusPartlyUnreadable', count) : null;
}

async function render() {
  const [engine, stored, memory, loaded, tab] = await Promise.all([
    handle({ op: 'ping' }),
    api.storage.local.get(['queue', 'history', 'sent']),
    loadMemory(),
    // Unusable stored settings: say so; the summary uses the defaults, as the triage does.
    loadSettings().catch((e) => ({ problem: storeProblemText(e) })),
    invitationsTab(),
  ]);
  view.replaceChildren();
  // Damaged or newer stored settings: the worker triages on the defaults. Invalid ones (never
  // written by this release) are only reported.
  let problem = loaded?.problem ? `${loaded.problem} ${t('storePopupHint')}` : null;
  if (loaded && !problem && !engine.error) {
    const { outcome } = await handle({ op: 'validate', settings: loaded });
    if (outcome && !outcome.ok) problem = t('storeInvalid', outcome.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; '));
  }
  // A `{problem}` always comes with a problem: what is left is the stored document, or none.
  const settings = problem ? null : /** @type {Settings | null} */ (loaded);
  if (problem) view.append(el('p', { class: 'problem', id: 'store-problem', role: 'alert' }, `${problem} ${t('storePopupFix')}`));
  if (engine.error) {
    view.append(el('p', { class: 'problem' }, t('engineFailed', engine.error)), openInvitationsButton());
    return;
  }
  // The sender's side comes last, whatever the queue shows.
  const sent = await sentSection(stored.sent);
  try {
    await renderQueue(stored, memory, settings, tab);
  } finally {
    if (sent) view.append(sent);
  }
}

/**
 * The sent invitations at a glance, from the ledger the Sent tab keeps (the engine's figures):
 * how many are pending, how many are past the withdraw threshold, the oldest, and how many
 * were accepted in the last 90 days; before the Sent tab was ever read, a hint to open it.
 * @param {SentLedger | undefined} ledger
 */
async function sentSection(ledger) {
  const reply = await handle({ op: 'sentStats', ledger: ledger ?? null, now: Date.now() });
  const s = reply.sentStats;
  if (!s) return null;
  const section = el('section', { class: 'sent', id: 'sent', 'aria-labelledby': 'sent-title' }, el('h2', { id: 'sent-title' }, t('popupSentTitle')));
  if (!s.seen) {
    section.append(el('p', { class: 'muted' }, t('popupSentNever')));
    return section;
  }
  // What the Sent tab could not read is said, never skipped.
  if (ledger?.status === 'unrecognized') section.append(el('p', { class: 'problem', 'data-sent': 'unreadable', role: 'status' }, t('popupSentUnrecognized')));
  else if (ledger?.unreadable) section.append(el('p', { class: 'problem', 'data-sent': 'unreadable', role: 'status' }, t('popupSentUnreadable', ledger.unreadable)));
  section.append(el('p', { 'data-sent': 'pending' }, t('popupSentPending', s.pending, s.withdraw_suggested)));
  if (s.oldest) section.append(el('p', { 'data-sent': 'oldest' }, t('popupSentOldest', s.oldest.name || s.oldest.id, s.oldest.days)));
  section.append(
    el('p', { 'data-sent': 'rate' }, s.rate == null ? t('popupSentNoRate', s.window_days) : t('popupSentRate', s.accepted, s.sent, s.window_days, s.rate)),
    el('p', { class: 'muted' }, t('popupSentLocal')),
  );
  return section;
}

/** The received queue's summary. */
async function renderQueue(stored, memory, settings, tab) {
  const queue = stored.queue;
  if (queue?.status === 'blocked') view.append(el('p', { class: 'problem' }, t('statusBlocked', queue.reason ?? '')));
  const unread = unreadableText(queue);
  if (unread) view.append(el('p', { class: 'problem', id: 'unreadable', role: 'status' }, unread));
  if (!queue || !Object.keys(queue.cards ?? {}).length) {
    if (!queue) {
      view.append(el('h2', {}, t('firstRunTitle')), el('p', {}, t('firstRunBody')), el('p', { class: 'muted' }, t('firstRunPrivacy')));
    }
    if (!tab) view.append(openInvitationsButton());
    return;
  }
  const reply = await handle({
    op: 'summarize',
    queue,
    memory,
    history: stored.history ?? [],
    settings,
    now: Date.now(),
  });
  if (reply.error) {
    view.append(el('p', { class: 'problem' }, t('engineFailed', reply.error)));
    return;
  }
  const s = reply.summary;
  view.append(
    el(
      'ul',
      { class: 'counts', 'aria-label': t('countsLabel') },
      ...['accept', 'review', 'ignore'].map((b) =>
        el('li', { class: `count ${b}`, 'data-bucket': b }, el('strong', {}, String(s[b])), ` ${t(s.bucket_words[b])}`),
      ),
    ),
  );
  const week = s.week.budget
    ? t('weekBudget', s.week.accepted, s.week.budget)
    : t('weekNoBudget', s.week.accepted);
  const progress = s.week.budget
    ? el('progress', { max: s.week.budget, value: Math.min(s.week.accepted, s.week.budget), 'aria-label': week })
    : null;
  view.append(el('p', { class: 'week' }, week, progress));
  if (!s.accept && !s.review && !s.ignore) view.append(el('p', {}, t('emptyQueue')));
  for (const section of [
    entryList(t('topTitle'), s.top, tab, 'top', s.bucket_words),
    entryList(t('staleTitle'), s.stale.slice(0, 5), tab, 'stale', s.bucket_words),
    entryList(t('notesTitle'), s.notes.slice(0, 5), tab, 'notes', s.bucket_words),
  ]) {
    if (section) view.append(section);
  }
  if (s.decided) view.append(el('p', { class: 'muted' }, t('decidedCount', s.decided)));
  if (!tab) view.append(el('p', { class: 'muted' }, t('lastSeen')), openInvitationsButton());
}

/** Renders one after another: a change that arrives mid-render gets one more render after it. */
let rendering = null;
let again = false;
function refresh() {
  if (rendering) {
    again = true;
    return;
  }
  rendering = render().finally(() => {
    rendering = null;
    if (again) {
      again = false;
      refresh();
    }
  });
}

localize();
document.getElementById('open-options').addEventListener('click', () => api.runtime.openOptionsPage());
// The window is known before the click: the side panel opens only straight from a click.
let windowId = null;
api.windows?.getCurrent().then((w) => (windowId = w.id), () => {});
document.getElementById('open-panel').addEventListener('click', () => {
  Promise.resolve(globalThis.inviteTriagePlatform.openPanel(windowId)).then(() => window.close(), (e) => console.warn('Invite Triage:', e?.message ?? e));
});
/** The queue as the summary sees it: without the times each pass stamps on it. */
const queueContent = (queue) =>
  JSON.stringify({
    ...queue,
    updated: 0,
    cards: Object.fromEntries(Object.entries(queue?.cards ?? {}).map(([id, card]) => [id, { ...card, seen: 0 }])),
  });

// The queue is written as the page is triaged and the user acts: keep the summary current, but
// re-render (and move keyboard focus) only when what it shows may have changed.
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' || changes.history || changes.memory || changes.sent) refresh();
  else if (changes.queue && queueContent(changes.queue.newValue) !== queueContent(changes.queue.oldValue)) refresh();
});
refresh();
