// Options page, the decisions log: the table of storage.local `history` (newest first, live),
// its CSV and JSON exports, and "Delete everything". Every text from the log came from
// LinkedIn's page: it goes in as text only, and only https://www.linkedin.com/in/… profile
// links become links.
import { el, t } from './i18n.js';
import { profileLink, toCsv } from './history.js';
import './platform.js';

const { api } = globalThis.inviteTriagePlatform;

/** How many rows the table shows (the newest); the exports hold every entry. */
const SHOWN = 500;
const BUCKETS = { accept: 'bucketAccept', review: 'bucketReview', ignore: 'bucketIgnore' };
const ACTIONS = ['accept', 'accept-thank', 'decline', 'reply', 'later', 'note'];
const OUTCOMES = ['done', 'accepted', 'not-on-page', 'budget', 'friction', 'not-taken', 'stopped'];
/** A message key's suffix for a value (`not-taken` → `not_taken`). */
const keyOf = (value) => value.replace(/-/g, '_');

const dates = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The log's entries as stored, or none (a damaged log shows nothing rather than fail). */
const entriesOf = (history) => (Array.isArray(history) ? history.filter((e) => e && typeof e === 'object' && Number.isFinite(e.at)) : []);

/** Newest first; entries of the same moment (a batch) latest-written first. */
const newestFirst = (entries) => entries.slice().reverse().sort((a, b) => b.at - a.at);

function who(entry) {
  const name = typeof entry.name === 'string' && entry.name ? entry.name : String(entry.id);
  const link = profileLink(entry.profile);
  return link ? el('a', { href: link, rel: 'noreferrer', target: '_blank' }, name) : name;
}

function row(entry) {
  const bucket = typeof entry.bucket === 'string' ? entry.bucket : '';
  const action = String(entry.action);
  const outcome = typeof entry.outcome === 'string' ? entry.outcome : 'done';
  const reasons = Array.isArray(entry.reasons) ? entry.reasons.filter((r) => typeof r === 'string') : [];
  const when = new Date(entry.at);
  return el(
    'tr',
    { 'data-log-id': String(entry.id), 'data-log-at': entry.at },
    el('td', {}, el('time', { datetime: when.toISOString() }, dates.format(when))),
    el('td', { class: 'who' }, who(entry)),
    el('td', {}, BUCKETS[bucket] ? el('span', { class: `chip ${bucket}` }, t(BUCKETS[bucket])) : bucket),
    el('td', { class: 'num' }, Number.isFinite(entry.score) ? String(entry.score) : ''),
    el('td', {}, reasons.length ? el('ul', { class: 'reasons' }, ...reasons.map((r) => el('li', {}, r))) : ''),
    el('td', { 'data-log-action': action }, ACTIONS.includes(action) ? t(`logAction_${keyOf(action)}`) : action),
    el('td', { 'data-log-outcome': outcome }, OUTCOMES.includes(outcome) ? t(`logOutcome_${keyOf(outcome)}`) : outcome),
    el('td', { 'data-log-via': entry.via === 'linkedin' ? 'linkedin' : 'extension' }, t(entry.via === 'linkedin' ? 'logViaLinkedin' : 'logViaHere')),
  );
}

/** Shows the log in the table, newest first. */
function render(history) {
  const entries = newestFirst(entriesOf(history));
  const rows = document.getElementById('log-rows');
  const shown = entries.slice(0, SHOWN);
  rows.replaceChildren(...(shown.length ? shown.map(row) : [el('tr', {}, el('td', { colspan: 8, class: 'muted' }, t('logEmpty')))]));
  const count = document.getElementById('log-count');
  count.textContent = entries.length > SHOWN ? t('logCountSome', SHOWN, entries.length) : t('logCount', entries.length);
}

/** Downloads `text` as the file `name`: a Blob and a link, nothing leaves the browser. */
export function download(name, text, type) {
  const link = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

const today = () => new Date().toISOString().slice(0, 10);

async function stored() {
  return entriesOf((await api.storage.local.get('history')).history);
}

/** What "Delete everything" deleted, in words. */
function deletedText(d) {
  return t('forgetDone', d.history, d.notes, d.decisions, d.cards, t(d.settings ? 'forgetSettings' : 'forgetNoSettings'));
}

/**
 * Starts the log: the table, live, its exports, and "Delete everything", which asks first in
 * the page (the button becomes "Really delete all data? Yes / Cancel"); `onDeleted` then puts
 * the page back to the defaults.
 * @param {{onDeleted: () => void | Promise<void>}} hooks
 */
export async function startLog({ onDeleted }) {
  render((await api.storage.local.get('history')).history);
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && 'history' in changes) render(changes.history.newValue);
  });
  document.getElementById('log-export-csv').addEventListener('click', async () => {
    download(`invite-triage-decisions-${today()}.csv`, toCsv(await stored()), 'text/csv;charset=utf-8');
  });
  document.getElementById('log-export-json').addEventListener('click', async () => {
    const file = { format: 'invite-triage-decisions', exported_at: new Date().toISOString(), entries: await stored() };
    download(`invite-triage-decisions-${today()}.json`, `${JSON.stringify(file, null, 2)}\n`, 'application/json');
  });

  const start = /** @type {HTMLButtonElement} */ (document.getElementById('forget-start'));
  const confirm = document.getElementById('forget-confirm');
  const yes = /** @type {HTMLButtonElement} */ (document.getElementById('forget-yes'));
  const cancel = /** @type {HTMLButtonElement} */ (document.getElementById('forget-cancel'));
  const status = document.getElementById('forget-status');
  const asking = (on) => {
    start.hidden = on;
    confirm.hidden = !on;
    (on ? cancel : start).focus();
  };
  start.addEventListener('click', () => {
    status.textContent = '';
    status.className = '';
    asking(true);
  });
  cancel.addEventListener('click', () => asking(false));
  confirm.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') asking(false);
  });
  yes.addEventListener('click', async () => {
    yes.disabled = cancel.disabled = true;
    /** @type {WorkerReplies['forget']} */
    const reply = await api.runtime.sendMessage({ type: 'forget' }).catch((e) => ({ error: String(e?.message ?? e) }));
    yes.disabled = cancel.disabled = false;
    if (reply?.deleted) await onDeleted();
    status.textContent = reply?.deleted ? deletedText(reply.deleted) : t('forgetFailed', reply?.error ?? '?');
    status.className = reply?.deleted ? 'ok' : 'problem';
    asking(false);
  });
}
