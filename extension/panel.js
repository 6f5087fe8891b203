// The side panel (Chromium) or sidebar (Firefox): the weekly review of the whole queue seen so
// far, grouped and sorted by the engine, with keyboard triage and the batch accept. It decides
// nothing: the engine groups the rows, plans the batch and words the budget question; acting
// on a card clicks LinkedIn's own control in the tab, through the content script, on the
// user's own keystroke or click.
import { handle, keepPageOnTrap } from './engine.js';
import { el, localize, t } from './i18n.js';
import './platform.js';
import { renderWithdraw } from './panel-sent.js';
import { loadMemory, loadSettings } from './storage.js';
import { answeringTab, tell } from './tab-messages.js';

keepPageOnTrap();

const { api } = globalThis.inviteTriagePlatform;
const INVITATIONS = 'https://www.linkedin.com/mynetwork/invitation-manager/';
const queueView = /** @type {HTMLElement} */ (document.getElementById('queue'));
const batchList = /** @type {HTMLElement} */ (document.getElementById('batch-list'));
const batchExtra = /** @type {HTMLElement} */ (document.getElementById('batch-extra'));
const batchStatus = /** @type {HTMLElement} */ (document.getElementById('batch-status'));
const startButton = /** @type {HTMLButtonElement} */ (document.querySelector('[data-triage-batch-start]'));
const stopButton = /** @type {HTMLButtonElement} */ (document.querySelector('[data-triage-batch-stop]'));
const pageState = /** @type {HTMLElement} */ (document.getElementById('page-state'));
const weekLine = /** @type {HTMLElement} */ (document.getElementById('week'));

/** Keys and the action each one takes on the focused row. */
const KEYS = { a: 'accept', t: 'accept-thank', d: 'decline', l: 'later', n: 'note' };
/** The row buttons, in order. */
const ROW_ACTIONS = ['accept', 'accept-thank', 'decline', 'later', 'note'];
const ACTION_WORDS = { accept: 'panelAccept', 'accept-thank': 'panelThank', decline: 'panelDecline', later: 'panelLater', note: 'panelNote' };

/** What the last render showed: the engine's review, and the batch state kept by the worker. */
let review = null;
let batchState = null;
/** Batch rows the user unticked (kept across renders). */
const unticked = new Set();
/** The row whose accept asked the budget question, until its second press. */
let confirming = null;

// ------------------------------------------------------------------ the tab
/**
 * The LinkedIn tab to act in: the tab that last sent the invitations page (the queue keeps
 * it), else this window's active tab, if its content script answers; else null.
 * @returns {Promise<number | null>}
 */
async function invitationsTab() {
  const { queue } = await api.storage.local.get('queue');
  return answeringTab(queue?.tab);
}

// ------------------------------------------------------------------ render
async function render() {
  const [stored, memory, settings] = await Promise.all([
    api.storage.local.get(['queue', 'history', 'batch', 'sent']),
    loadMemory(),
    loadSettings().catch(() => null),
  ]);
  const reply = await handle({ op: 'review', queue: stored.queue ?? { cards: {} }, memory, history: stored.history ?? [], settings, now: Date.now() });
  if (reply.error || !reply.review) {
    pageState.textContent = t('engineFailed', reply.error ?? '');
    return;
  }
  review = reply.review;
  // One batch runs at a time: the accept batch shows its own, the withdraw section the other.
  batchState = stored.batch?.action === 'withdraw' ? null : stored.batch ?? null;
  await renderWithdraw(stored.sent, stored.batch);
  pageState.textContent = pageText(stored.queue);
  const w = review.week;
  weekLine.textContent = w.budget ? t('weekBudget', w.accepted, w.budget) : t('weekNoBudget', w.accepted);
  const focusedId = /** @type {HTMLElement | null} */ (document.activeElement?.closest('[data-triage-row]'))?.dataset.triageId;
  renderBatch();
  renderQueue(focusedId);
  for (const [id, { text, reload }] of said) rowOf(id)?.querySelector('.row-status')?.replaceChildren(text, ...(reload ? [' ', reloadButton()] : []));
  if (focusedId) rowOf(focusedId)?.focus();
}

/** The page's state, from the queue the worker keeps. */
function pageText(queue) {
  if (!queue || !Object.keys(queue.cards ?? {}).length) return t('panelEmpty');
  if (queue.status === 'blocked') return t('statusBlocked', queue.reason ?? '');
  if (queue.status === 'unrecognized') return t('statusUnrecognized');
  if (queue.unreadable) return t('statusPartlyUnreadable', queue.unreadable);
  return '';
}

const bucketWord = (bucket) => t(review.bucket_words[bucket]);
const rowOf = (id) => /** @type {HTMLElement | null} */ (queueView.querySelector(`[data-triage-row][data-triage-id="${CSS.escape(id)}"]`));
const allRows = () => /** @type {HTMLElement[]} */ ([...queueView.querySelectorAll('[data-triage-row]')]);
const rowsById = () => new Map(review.groups.flatMap((g) => g.rows).map((r) => [r.id, r]));

/** A profile link, only to a LinkedIn profile (page text is hostile). */
function profileLink(row) {
  let url = null;
  try {
    url = row.profile ? new URL(row.profile) : null;
  } catch {
    url = null;
  }
  const name = row.name || row.id;
  if (!url || url.origin !== new URL(INVITATIONS).origin || !url.pathname.startsWith('/in/')) return el('span', { class: 'who' }, name);
  return el('a', { class: 'who', href: url.href, target: '_blank', rel: 'noreferrer' }, name);
}

const points = (n) => (n > 0 ? `+${n}` : String(n));

/** Renders the groups; `focusedId`'s row (else the first) is the one Tab reaches. */
function renderQueue(focusedId) {
  const outcomes = batchState?.outcomes ?? {};
  const ids = review.groups.flatMap((g) => g.rows).map((r) => r.id);
  const focusable = focusedId && ids.includes(focusedId) ? focusedId : ids[0];
  queueView.replaceChildren(
    ...review.groups.map((group) =>
      el(
        'section',
        { class: `group ${group.bucket}`, 'aria-label': `${bucketWord(group.bucket)} (${group.rows.length})` },
        el('h2', {}, `${bucketWord(group.bucket)} (${group.rows.length})`),
        group.rows.length
          ? el(
              'ul',
              { class: 'rows' },
              ...group.rows.map((row) =>
                el(
                  'li',
                  {
                    class: row.decision && !['later', 'note'].includes(row.decision) ? 'row decided' : 'row',
                    'data-triage-row': '',
                    'data-triage-id': row.id,
                    'data-triage-bucket': row.bucket,
                    'data-triage-outcome': outcomes[row.id] ?? false,
                    tabindex: row.id === focusable ? '0' : '-1',
                    'aria-label': `${bucketWord(row.bucket)} ${row.score}: ${row.name}`,
                  },
                  el(
                    'div',
                    { class: 'row-head' },
                    el('span', { class: `chip ${row.bucket}` }, `${bucketWord(row.bucket)} ${row.score}`),
                    profileLink(row),
                    row.days != null ? el('span', { class: 'age muted' }, t('panelDays', row.days)) : null,
                  ),
                  row.decision ? el('p', { class: 'decision muted' }, t('panelDecision', row.decision)) : null,
                  row.note ? el('p', { class: 'note' }, t('csYourNote', row.note)) : null,
                  el(
                    'ul',
                    { class: 'why' },
                    ...row.reasons.map((r) => el('li', {}, r.points ? el('span', { class: r.points < 0 ? 'pts neg' : 'pts pos' }, points(r.points)) : null, ' ', r.label)),
                  ),
                  el(
                    'div',
                    { class: 'row-actions', role: 'group', 'aria-label': t('csSuggested') },
                    ...ROW_ACTIONS.map((a) => el('button', { type: 'button', 'data-triage-action': a, tabindex: '-1' }, t(ACTION_WORDS[a]))),
                    el('button', { type: 'button', 'data-triage-show': '', tabindex: '-1' }, t('panelShow')),
                  ),
                  el('p', { class: 'row-status', role: 'status' }),
                ),
              ),
            )
          : el('p', { class: 'muted' }, t('panelNone')),
      ),
    ),
  );
}

/** Outcome words for the batch rows. */
const OUTCOME_WORDS = {
  accepted: 'outcomeAccepted',
  'not-on-page': 'outcomeNotOnPage',
  budget: 'outcomeBudget',
  friction: 'outcomeFriction',
  'not-taken': 'outcomeNotTaken',
  stopped: 'outcomeStopped',
};

function renderBatch() {
  const rows = rowsById();
  const running = Boolean(batchState?.running);
  const shown = running || batchState?.go?.length ? [...new Set([...(batchState?.go ?? []), ...Object.keys(batchState?.outcomes ?? {})])] : [];
  const ids = running ? shown : [...new Set([...review.batch, ...shown])];
  batchList.replaceChildren(
    ...ids.map((id) => {
      const row = rows.get(id);
      const outcome = batchState?.outcomes?.[id];
      const box = el('input', { type: 'checkbox', id: `tick-${id}`, 'data-id': id, disabled: running || !review.batch.includes(id) });
      box.checked = review.batch.includes(id) && !unticked.has(id);
      return el(
        'li',
        { 'data-triage-batch-item': '', 'data-triage-id': id, 'data-triage-outcome': outcome ?? false, 'aria-current': batchState?.current === id ? 'step' : false },
        box,
        el(
          'label',
          { for: `tick-${id}` },
          el('span', { class: 'who' }, row?.name ?? id),
          ' ',
          el('span', { class: 'chip accept' }, String(row?.score ?? '')),
          ' ',
          el('span', { class: 'detail muted' }, row?.reasons[0]?.label ?? ''),
        ),
        outcome ? el('span', { class: `outcome ${outcome}` }, t(OUTCOME_WORDS[outcome] ?? 'outcomeStopped')) : null,
      );
    }),
  );
  if (!ids.length) batchList.append(el('li', { class: 'muted' }, t('batchNone')));
  startButton.disabled = running || !review.batch.length;
  stopButton.disabled = !running;
  const next = batchState?.next_batch?.length ?? 0;
  const notOnPage = Object.values(batchState?.outcomes ?? {}).filter((o) => o === 'not-on-page').length;
  batchExtra.replaceChildren(
    ...[
      next ? t('batchNext', next) : null,
      notOnPage ? t('batchNotOnPage', notOnPage) : null,
    ]
      .filter(Boolean)
      .map((text) => el('span', { class: 'line' }, text)),
  );
  if (notOnPage) batchExtra.append(reloadButton());
  batchStatus.textContent = batchText();
}

/** What the batch is doing, or why it stopped. */
function batchText() {
  if (!batchState) return '';
  const accepted = Object.values(batchState.outcomes ?? {}).filter((o) => o === 'accepted').length;
  if (batchState.running) return t('batchRunning', accepted, batchState.go?.length ?? 0);
  const stopped = batchState.stopped ?? { why: 'done' };
  const who = stopped.at ? (rowsById().get(stopped.at)?.name ?? stopped.at) : '';
  const key = {
    done: 'batchDone',
    stop: 'batchStopped',
    friction: 'batchFriction',
    'not-taken': 'batchNotTaken',
    'missing-control': 'batchMissingControl',
    navigation: 'batchNavigation',
    'tab-closed': 'batchTabClosed',
    error: 'batchError',
  }[stopped.why] ?? 'batchError';
  return t(key, accepted, who, stopped.text ?? '');
}

function reloadButton() {
  const button = el('button', { type: 'button', class: 'link', 'data-triage-reload': '' }, t('panelReload'));
  button.addEventListener('click', async () => {
    const tab = await invitationsTab();
    if (tab !== null) await api.tabs.reload(tab);
    else await api.tabs.create({ url: INVITATIONS });
  });
  return button;
}

// ------------------------------------------------------------------ act
/** What was said on each row, kept across renders: `{text, reload}`. */
const said = new Map();

/** Says something on one row (its live status line), with a reload button when `reload`. */
function sayOnRow(id, text, reload = false) {
  said.set(id, { text, reload });
  rowOf(id)?.querySelector('.row-status')?.replaceChildren(text, ...(reload ? [' ', reloadButton()] : []));
}

/**
 * One action on one row, the user's own: past the weekly budget an accept asks first (the
 * engine's question) and goes at the second press. It clicks LinkedIn's control in the tab; a
 * card that is not on the page says so and offers to show it.
 */
async function actOn(id, action) {
  if (action === 'note') return editNote(id);
  const budgeted = action === 'accept' || action === 'accept-thank';
  if (budgeted && review.week.confirm && confirming !== id) {
    confirming = id;
    return sayOnRow(id, review.week.confirm);
  }
  confirming = null;
  const tab = await invitationsTab();
  const reply = tab === null ? null : await tell(tab, { type: 'act', id, action, confirmed: true });
  if (!reply || reply.outcome === 'not-on-page') {
    if (action === 'later') {
      // Nothing to click on LinkedIn: keep it for later all the same.
      await api.runtime.sendMessage({ type: 'action', id, action, outcome: 'done' });
      return sayOnRow(id, t('csLater'));
    }
    return sayOnRow(id, t('panelNotOnPage'), true);
  }
  sayOnRow(id, reply.said ?? reply.outcome);
}

function editNote(id) {
  const row = rowOf(id);
  if (!row) return;
  const existing = row.querySelector('textarea');
  if (existing) return existing.focus();
  const current = rowsById().get(id)?.note ?? '';
  const area = el('textarea', { rows: 2, maxlength: 500, 'aria-label': t('csNoteOn', rowsById().get(id)?.name ?? id) });
  area.value = current;
  const form = el('form', { class: 'note-editor' }, area, el('button', { type: 'submit', class: 'primary' }, t('csSaveNote')), el('button', { type: 'button', 'data-cancel': '' }, t('csCancel')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await api.runtime.sendMessage({ type: 'action', id, action: 'note', note: area.value.trim() });
    row.focus();
  });
  form.addEventListener('keydown', (e) => e.stopPropagation()); // typing is not triage
  form.querySelector('[data-cancel]')?.addEventListener('click', () => {
    form.remove();
    row.focus();
  });
  row.append(form);
  area.focus();
}

/** Scrolls the tab to the card and opens its reasons. */
async function show(id) {
  const tab = await invitationsTab();
  const reply = tab === null ? null : await tell(tab, { type: 'reveal', id });
  if (!reply?.onPage) sayOnRow(id, t('panelNotOnPage'), true);
}

// ------------------------------------------------------------------ keyboard and clicks
function moveFocus(by) {
  const rows = allRows();
  if (!rows.length) return;
  const at = rows.indexOf(/** @type {HTMLElement} */ (document.activeElement?.closest('[data-triage-row]')));
  const next = rows[Math.max(0, Math.min(rows.length - 1, at < 0 ? 0 : at + by))];
  for (const r of rows) r.tabIndex = r === next ? 0 : -1;
  next.focus();
  next.scrollIntoView({ block: 'nearest' });
}

queueView.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const row = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest('[data-triage-row]'));
  if (event.key === 'j' || event.key === 'ArrowDown') moveFocus(1);
  else if (event.key === 'k' || event.key === 'ArrowUp') moveFocus(-1);
  else if (row && event.key === 'Enter' && event.target === row) show(row.dataset.triageId);
  else if (row && KEYS[event.key] && event.target === row) actOn(row.dataset.triageId, KEYS[event.key]);
  else return;
  event.preventDefault();
});

queueView.addEventListener('click', (event) => {
  const target = /** @type {Element} */ (event.target);
  const row = /** @type {HTMLElement | null} */ (target.closest('[data-triage-row]'));
  if (!row) return;
  const button = /** @type {HTMLElement | null} */ (target.closest('button[data-triage-action], button[data-triage-show]'));
  if (!button) return;
  if (button.hasAttribute('data-triage-show')) show(row.dataset.triageId);
  else actOn(row.dataset.triageId, button.dataset.triageAction);
});

batchList.addEventListener('change', (event) => {
  const box = /** @type {HTMLInputElement} */ (event.target);
  if (!box.dataset.id) return;
  if (box.checked) unticked.delete(box.dataset.id);
  else unticked.add(box.dataset.id);
});

startButton.addEventListener('click', async () => {
  const ids = review.batch.filter((id) => !unticked.has(id));
  if (!ids.length) return;
  const tab = await invitationsTab();
  if (tab === null) {
    batchStatus.replaceChildren(t('batchNoTab'), ' ', reloadButton());
    return;
  }
  const [{ history = [] }, settings] = await Promise.all([api.storage.local.get('history'), loadSettings().catch(() => null)]);
  const reply = await handle({ op: 'batch', ids, history, settings, now: Date.now() });
  if (!reply.batch) {
    batchStatus.textContent = t('engineFailed', reply.error ?? '');
    return;
  }
  const started = await tell(tab, { type: 'batchStart', plan: reply.batch });
  if (!started || started.error) batchStatus.textContent = t('batchError', 0, '', started?.error ?? '');
});

stopButton.addEventListener('click', async () => {
  const tab = batchState?.tab ?? (await invitationsTab());
  if (typeof tab === 'number') await tell(tab, { type: 'batchStop' });
});

// ------------------------------------------------------------------ follow the page live
let rendering = null;
let again = false;
function refresh() {
  if (rendering) {
    again = true;
    return;
  }
  rendering = render()
    .catch((e) => {
      pageState.textContent = t('engineFailed', String(e?.message ?? e));
    })
    .finally(() => {
      rendering = null;
      if (again) {
        again = false;
        refresh();
      }
    });
}

localize();
document.getElementById('open-options')?.addEventListener('click', () => api.runtime.openOptionsPage());
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' || changes.queue || changes.memory || changes.history || changes.batch || changes.sent) refresh();
});
refresh();
