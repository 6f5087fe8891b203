// The decisions log, pure part: what one entry holds, which entries retention keeps, how an
// action changes the user's memory, and the CSV export. No browser API and no imports, so the
// worker, the pages and Node's unit tests (tests/unit/) run the same code; storage.js does the
// reading and writing.

/** A day, in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;
/** `history.retention_days` by default, and its largest value (src/core/settings.rs, kept equal by a Rust test). */
export const DEFAULT_RETENTION_DAYS = 365;
export const MAX_RETENTION_DAYS = 3650;
/**
 * The most entries kept, whatever the retention: the newest. A year of a heavy week (100
 * actions) is 5,200 entries of about 300 bytes, 1.5 MB of storage.local's 10 MB.
 */
export const HISTORY_LIMIT = 6000;

/** Outcomes that mean LinkedIn took the action: only these are decisions. */
const TAKEN = new Set(['done', 'accepted']);
/** Longest name, reason and profile link kept (the engine's own name limit is 200 bytes). */
const MAX_TEXT = 300;
/** Reasons kept per entry (the queue keeps the top two). */
const MAX_REASONS = 5;

/** Whether an outcome means LinkedIn took the action (none: an entry from before outcomes). */
export const isTaken = (outcome) => outcome === undefined || outcome === null || TAKEN.has(outcome);

const text = (v) => (typeof v === 'string' ? v.slice(0, MAX_TEXT) : null);
const number = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The days of retention in a settings document as storage.js loads it (`null` when none was
 * ever saved: the default). `null` when the document holds no usable value (out of range, not
 * a whole number): the caller then deletes nothing, rather than guess.
 * @param {Settings | null | undefined} settings
 * @returns {number | null}
 */
export function retentionDays(settings) {
  const days = settings?.history?.retention_days ?? DEFAULT_RETENTION_DAYS;
  return Number.isInteger(days) && days >= 1 && days <= MAX_RETENTION_DAYS ? days : null;
}

/**
 * The entries retention keeps at `now`: those at most `days` days old (an entry exactly `days`
 * old stays), in their order, the newest `HISTORY_LIMIT` of them. An entry without a date
 * cannot be shown to be recent and goes; one dated in the future (a clock set back) stays.
 * With `days` null only the cap applies.
 * @param {unknown[]} history
 * @param {number} now milliseconds since the epoch
 * @param {number | null} days
 * @returns {HistoryEntry[]}
 */
export function keepRecent(history, now, days) {
  if (!Array.isArray(history)) return [];
  const oldest = now - (days ?? 0) * DAY_MS;
  const recent = (e) => days === null || (Number.isFinite(e.at) && e.at >= oldest);
  const kept = /** @type {HistoryEntry[]} */ (history.filter((e) => e !== null && typeof e === 'object' && recent(e)));
  return kept.slice(-HISTORY_LIMIT);
}

/**
 * One log entry: what was done (`action`), what came of it (`outcome`: `done`, `accepted`,
 * `not-taken`, …), where (`via`: `extension` for our buttons, `linkedin` for LinkedIn's own) and
 * who, from `card` (`{name, profile, bucket, score, reasons}`) or else the queue's card of that id.
 * @param {{id: string, action: string, outcome?: string, via?: string, card?: HistoryCard}} done
 * @param {QueueCard | undefined} seen the queue's card with that id, if any
 * @param {number} at
 * @returns {HistoryEntry}
 */
export function historyEntry({ id, action, outcome = 'done', via = 'extension', card }, seen, at) {
  const from = card ?? seen ?? {};
  const reasons = Array.isArray(from.reasons) ? from.reasons.filter((r) => typeof r === 'string').slice(0, MAX_REASONS).map(text) : [];
  return {
    id: String(id),
    at,
    action: String(action),
    outcome: String(outcome),
    via: String(via),
    name: text(from.name),
    profile: text(card?.profile),
    bucket: text(from.bucket),
    score: number(from.score),
    reasons,
  };
}

/**
 * What recording `entries` does to the memory and the log, at `now` with `days` of retention:
 * a note sets (or, empty, removes) the card's note; any other action becomes the card's decision
 * only when LinkedIn took it (`isTaken`), except a withdraw, which answers the user's own
 * invitation, not one to answer (the sent ledger keeps it). Every entry is logged. Returns new
 * objects.
 * @param {Memory} memory
 * @param {unknown[]} history
 * @param {RecordedAction[]} entries
 * @param {{now: number, days: number | null, queue?: Queue}} at
 * @returns {{memory: Memory, history: HistoryEntry[]}}
 */
export function applyActions(memory, history, entries, { now, days, queue }) {
  const next = { ...memory, notes: { ...memory.notes }, decisions: { ...memory.decisions } };
  const log = Array.isArray(history) ? [...history] : [];
  for (const done of entries) {
    const entry = historyEntry(done, queue?.cards?.[done.id], now);
    if (entry.action === 'note') {
      if (done.note) next.notes[entry.id] = done.note;
      else delete next.notes[entry.id];
    } else if (isTaken(entry.outcome) && entry.action !== 'withdraw') {
      next.decisions[entry.id] = entry.action;
    }
    log.push(entry);
  }
  return { memory: next, history: keepRecent(log, now, days) };
}

// ------------------------------------------------------------------ export

/**
 * A profile link safe to follow: an https://www.linkedin.com/in/… URL (normalized), else null.
 * The log's text comes from LinkedIn's page and is hostile until shown otherwise.
 */
export function profileLink(value) {
  if (typeof value !== 'string') return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const ok = url.protocol === 'https:' && url.host === 'www.linkedin.com' && !url.username && !url.password && /^\/in\/[^/]+/.test(url.pathname);
  return ok ? url.href : null;
}

/** The CSV columns, in order. */
export const CSV_COLUMNS = ['date', 'id', 'name', 'profile', 'bucket', 'score', 'reasons', 'action', 'outcome', 'via'];

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled.
 * A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return) gets a leading `'`, so it is shown as text.
 */
export function csvCell(value) {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The log as CSV: a header, then one line per entry in the given order, CRLF line ends. */
export function toCsv(entries) {
  const row = (e) => [
    Number.isFinite(e.at) ? new Date(e.at).toISOString() : '',
    e.id,
    e.name,
    e.profile,
    e.bucket,
    e.score,
    Array.isArray(e.reasons) ? e.reasons.join('; ') : '',
    e.action,
    e.outcome ?? 'done',
    e.via ?? 'extension',
  ];
  return [CSV_COLUMNS, ...entries.map(row)].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
