// The side panel's batch withdraw: the sent invitations the engine suggests withdrawing (pending
// past `sent.withdraw_after_days`, oldest first), with LinkedIn's cooldown said, ticked by
// default. Start withdraws them one by one in the Sent tab, each through LinkedIn's own
// Withdraw and its confirmation, at the batch pace, stopping at friction; every row ends with
// an outcome. It decides nothing: the engine picks the rows and plans the batch.
import { handle } from './engine.js';
import { el, t } from './i18n.js';
import './platform.js';
import { loadSettings } from './storage.js';
import { answeringTab, tell } from './tab-messages.js';

const { api } = globalThis.inviteTriagePlatform;
const SENT = 'https://www.linkedin.com/mynetwork/invitation-manager/sent/';
const section = /** @type {HTMLElement} */ (document.getElementById('withdraw'));
const list = /** @type {HTMLElement} */ (document.getElementById('withdraw-list'));
const extra = /** @type {HTMLElement} */ (document.getElementById('withdraw-extra'));
const status = /** @type {HTMLElement} */ (document.getElementById('withdraw-status'));
const startButton = /** @type {HTMLButtonElement} */ (document.querySelector('[data-triage-withdraw-start]'));
const stopButton = /** @type {HTMLButtonElement} */ (document.querySelector('[data-triage-withdraw-stop]'));

/** Rows the user unticked (kept across renders). */
const unticked = new Set();
/** What the last render showed. */
let suggested = [];
let batchState = null;
let sentTab = null;

const OUTCOME_WORDS = {
  withdrawn: 'outcomeWithdrawn',
  'not-on-page': 'outcomeNotOnPage',
  friction: 'outcomeFriction',
  'not-taken': 'outcomeNotTaken',
  stopped: 'outcomeStopped',
};

/**
 * Renders the section from the ledger (storage.local `sent`) and the batch state, or hides it
 * when the Sent tab was never read.
 * @param {SentLedger | undefined} ledger
 * @param {BatchState | undefined} batch
 */
export async function renderWithdraw(ledger, batch) {
  const reply = await handle({ op: 'sentStats', ledger: ledger ?? null, now: Date.now() });
  const stats = reply.sentStats;
  section.hidden = !stats?.seen;
  if (!stats?.seen) return;
  suggested = stats.suggested;
  sentTab = ledger?.tab ?? null;
  batchState = batch?.action === 'withdraw' ? batch : null;
  const running = Boolean(batchState?.running);
  const names = new Map(suggested.map((s) => [s.id, s]));
  const shown = batchState ? [...new Set([...(batchState.go ?? []), ...Object.keys(batchState.outcomes ?? {})])] : [];
  const ids = running ? shown : [...new Set([...suggested.map((s) => s.id), ...shown])];
  list.replaceChildren(
    ...ids.map((id) => {
      const row = names.get(id) ?? { id, name: ledger?.entries?.[id]?.name ?? id, days: null };
      const outcome = batchState?.outcomes?.[id];
      const box = el('input', { type: 'checkbox', id: `withdraw-${id}`, 'data-id': id, disabled: running || !names.has(id) });
      box.checked = names.has(id) && !unticked.has(id);
      return el(
        'li',
        { 'data-triage-withdraw-item': '', 'data-triage-id': id, 'data-triage-outcome': outcome ?? false, 'aria-current': batchState?.current === id ? 'step' : false },
        box,
        el('label', { for: `withdraw-${id}` }, el('span', { class: 'who' }, row.name), ' ', row.days != null ? el('span', { class: 'detail muted' }, t('panelDays', row.days)) : null),
        outcome ? el('span', { class: `outcome ${outcome}` }, t(OUTCOME_WORDS[outcome] ?? 'outcomeStopped')) : null,
      );
    }),
  );
  if (!ids.length) list.append(el('li', { class: 'muted' }, t('withdrawNone')));
  startButton.disabled = running || !suggested.length;
  stopButton.disabled = !running;
  const next = batchState?.next_batch?.length ?? 0;
  extra.textContent = next ? t('batchNext', next) : '';
  status.textContent = statusText();
}

/** What the batch withdraw is doing, or why it stopped. */
function statusText() {
  if (!batchState) return '';
  const withdrawn = Object.values(batchState.outcomes ?? {}).filter((o) => o === 'withdrawn').length;
  if (batchState.running) return t('withdrawRunning', withdrawn, batchState.go?.length ?? 0);
  const stopped = batchState.stopped ?? { why: 'done' };
  const who = stopped.at ? (suggested.find((s) => s.id === stopped.at)?.name ?? stopped.at) : '';
  const key = {
    done: 'withdrawDone',
    stop: 'withdrawStopped',
    friction: 'withdrawFriction',
    'not-taken': 'withdrawNotTaken',
    'missing-control': 'batchMissingControl',
    navigation: 'batchNavigation',
    'tab-closed': 'batchTabClosed',
    error: 'batchError',
  }[stopped.why] ?? 'batchError';
  return t(key, withdrawn, who, stopped.text ?? '');
}

/** The Sent tab to act in: the tab the ledger was last read in, else the active one. */
const sentTabId = () => answeringTab(sentTab);

list.addEventListener('change', (event) => {
  const box = /** @type {HTMLInputElement} */ (event.target);
  if (!box.dataset.id) return;
  if (box.checked) unticked.delete(box.dataset.id);
  else unticked.add(box.dataset.id);
});

startButton.addEventListener('click', async () => {
  const ids = suggested.map((s) => s.id).filter((id) => !unticked.has(id));
  if (!ids.length) return;
  const tab = await sentTabId();
  if (tab === null) {
    const open = el('button', { type: 'button', class: 'link' }, t('withdrawOpenSent'));
    open.addEventListener('click', () => api.tabs.create({ url: SENT }));
    status.replaceChildren(t('batchNoTab'), ' ', open);
    return;
  }
  const settings = await loadSettings().catch(() => null);
  const reply = await handle({ op: 'withdrawBatch', ids, settings });
  if (!reply.batch) {
    status.textContent = t('engineFailed', reply.error ?? '');
    return;
  }
  const started = await tell(tab, { type: 'batchStart', plan: reply.batch });
  if (!started || started.error) status.textContent = t('batchError', 0, '', started?.error ?? '');
});

stopButton.addEventListener('click', async () => {
  const tab = batchState?.tab ?? (await sentTabId());
  if (typeof tab === 'number') await tell(tab, { type: 'batchStop' });
});
