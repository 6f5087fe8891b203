// Storage adapters shared by the worker, popup and options page. Settings live in
// storage.sync (split into chunks under its 8 KB per-item quota); what the user did and the
// queue seen so far live in storage.local. No logic beyond keeping the data whole.
import './platform.js';
import { applyActions, keepRecent, retentionDays } from './history.js';

const { api } = globalThis.inviteTriagePlatform;

const SETTINGS_META = 'settings';
const CHUNK_PREFIX = 'settings.';
/** storage.sync allows 8,192 bytes per item (key + JSON value); stay well under it. */
const CHUNK_BYTES = 7000;

const utf8 = new TextEncoder();
const bytes = (value) => utf8.encode(JSON.stringify(value)).length;

function chunk(text) {
  const chunks = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_BYTES);
    while (end > start + 1 && bytes(text.slice(start, end)) > CHUNK_BYTES) {
      end = start + Math.floor((end - start) * 0.8);
    }
    // Never split a surrogate pair (an emoji): a lone half would not survive storage.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - start > 1 && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/**
 * The settings schema version this release reads and writes: `SCHEMA_VERSION` in
 * src/core/settings.rs (a Rust test keeps the two equal).
 */
export const SCHEMA_VERSION = 4;

/** Why stored settings cannot be used, in English for the console; pages show `reason`'s message. */
const REASONS = {
  index: () => 'its index is unreadable',
  missing: (n, total) => `${n} of ${total} parts are missing`,
  json: () => 'the text is not valid JSON',
  shape: () => 'it is not a settings document',
  newer: (version) => `it was written by a newer Invite Triage (schema ${version})`,
};

/**
 * The stored settings could not be used: `reason` is `index`, `missing`, `json` or `shape`
 * (damaged) or `newer` (written by a later release; `subs` holds its schema version). The data
 * is left as it is; callers run on the defaults and say so.
 */
export class StoredSettingsError extends Error {
  constructor(reason, ...subs) {
    super(`the saved settings cannot be used: ${REASONS[reason](...subs)}; they were left untouched`);
    this.name = 'StoredSettingsError';
    this.reason = reason;
    this.subs = subs.map(String);
  }
}

/**
 * What to tell the user when loadSettings failed (localized): the stored settings are damaged,
 * from a newer release, or could not be read at all.
 */
export function storeProblemText(error) {
  const say = (key, ...subs) => api.i18n.getMessage(key, subs.map(String)) || key;
  if (!(error instanceof StoredSettingsError)) return say('loadFailed', String(error?.message ?? error));
  if (error.reason === 'newer') return say('storeNewer', error.subs[0], SCHEMA_VERSION);
  const key = { index: 'damagedIndex', missing: 'damagedMissing', json: 'damagedJson', shape: 'damagedShape' }[error.reason];
  return say('storeDamaged', say(key, ...error.subs));
}

/** The chunk keys of a settings pointer, or null when the pointer itself is damaged. */
function chunkKeys(meta) {
  if (!meta || typeof meta !== 'object' || !Number.isInteger(meta.chunks) || meta.chunks < 0 || meta.chunks > 512) return null;
  const prefix = meta.prefix ?? CHUNK_PREFIX;
  if (typeof prefix !== 'string' || !prefix.startsWith(CHUNK_PREFIX)) return null;
  return Array.from({ length: meta.chunks }, (_, i) => prefix + i);
}

/** The stored settings text as written, or null when the user never saved any. */
async function storedText() {
  const meta = (await api.storage.sync.get(SETTINGS_META))[SETTINGS_META];
  if (meta === undefined) return null;
  const keys = chunkKeys(meta);
  if (!keys) throw new StoredSettingsError('index');
  const parts = await api.storage.sync.get(keys);
  const missing = keys.filter((k) => typeof parts[k] !== 'string');
  if (missing.length) throw new StoredSettingsError('missing', missing.length, keys.length);
  return keys.map((k) => parts[k]).join('');
}

/**
 * The saved settings document, or null when the user never saved any. Throws a
 * StoredSettingsError when the stored data cannot be used; it is never changed here.
 * @returns {Promise<Settings | null>}
 */
export async function loadSettings() {
  const text = await storedText();
  if (text === null) return null;
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new StoredSettingsError('json');
  }
  if (doc === null) return null;
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new StoredSettingsError('shape');
  if (typeof doc.version === 'number' && doc.version > SCHEMA_VERSION) throw new StoredSettingsError('newer', doc.version);
  return doc;
}

/**
 * Whatever settings text is stored, even damaged (missing parts are left out), so the user can
 * keep a copy before replacing it; null when there is none.
 */
export async function rescueSettingsText() {
  try {
    return await storedText();
  } catch {
    const all = await api.storage.sync.get(null);
    const prefix = typeof all[SETTINGS_META]?.prefix === 'string' ? all[SETTINGS_META].prefix : CHUNK_PREFIX;
    const keys = Object.keys(all)
      .filter((k) => k.startsWith(prefix) && typeof all[k] === 'string')
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return keys.length ? keys.map((k) => all[k]).join('') : null;
  }
}

/**
 * Saves a (validated) settings document. Writes the new chunks before switching the pointer,
 * so a failure (for example the sync quota or the write-rate limit) leaves the previous
 * settings whole; the half-written chunks are then removed again.
 */
export async function saveSettings(settings) {
  const parts = chunk(JSON.stringify(settings));
  const old = (await api.storage.sync.get(SETTINGS_META))[SETTINGS_META];
  const oldKeys = chunkKeys(old) ?? [];
  const generation = ((Number.isInteger(old?.generation) ? old.generation : 0) + 1) % 2;
  const prefix = `${CHUNK_PREFIX}${generation}.`;
  const items = Object.fromEntries(parts.map((p, i) => [prefix + i, p]));
  try {
    await api.storage.sync.set(items);
    await api.storage.sync.set({ [SETTINGS_META]: { chunks: parts.length, generation, prefix } });
  } catch (e) {
    const written = Object.keys(items).filter((k) => !oldKeys.includes(k));
    await api.storage.sync.remove(written).catch(() => {});
    throw e;
  }
  const stale = oldKeys.filter((k) => !(k in items));
  if (stale.length) await api.storage.sync.remove(stale).catch((e) => console.warn('Invite Triage: old settings parts not removed:', e?.message ?? e));
}

/**
 * Notes and decisions by card id.
 * @returns {Promise<Memory>}
 */
export async function loadMemory() {
  const { memory } = await api.storage.local.get('memory');
  return { notes: memory?.notes ?? {}, decisions: memory?.decisions ?? {}, past: memory?.past ?? {} };
}

/**
 * Remembers that the user ignored (`ignored`, LinkedIn's Ignore) or declined (`declined`, our
 * polite decline) this person's invitation now: if they invite again, the card says so.
 * @param {string} id
 * @param {'ignored' | 'declined'} how
 */
export async function rememberPast(id, how) {
  const memory = await loadMemory();
  memory.past[id] = { how, at: Date.now() };
  await api.storage.local.set({ memory });
}

/**
 * Records what the user did with one invitation, and logs it in the decisions log (storage.local
 * `history`, see history.js). `outcome`: `done` (our button, LinkedIn took it), `accepted`, or
 * what stopped it (`not-taken`, `budget`, `friction`, `not-on-page`, `stopped`): only `done` and
 * `accepted` make the action the card's decision. `via`: `extension` (our button) or `linkedin`
 * (LinkedIn's own). `card` (`{name, profile, bucket, score, reasons}`) names who; without it
 * the queue's card of that id does. A `note` action sets the note (an empty one removes it).
 * @param {RecordedAction} done
 * @returns {Promise<Memory>}
 */
export async function recordAction({ id, action, note, outcome = 'done', via = 'extension', card }) {
  return record([{ id, action, note, outcome, via, card }], `"${action}" on ${id}`);
}

/**
 * Records several actions in one write (a batch), each as `recordAction` records one, in order.
 * Nothing is written when the write fails: the previous memory and log are whole, and it throws.
 * @param {RecordedAction[]} entries
 * @returns {Promise<Memory>}
 */
export async function recordOutcomes(entries) {
  if (!Array.isArray(entries)) throw new TypeError('recordOutcomes takes a list of actions');
  return record(entries, `${entries.length} actions`);
}

/** One read, the changes, one write; `what` names them in the warning when the write fails. */
async function record(entries, what) {
  const bad = entries.findIndex((e) => typeof e?.id !== 'string' || !e.id || typeof e.action !== 'string' || !e.action);
  if (bad >= 0) throw new TypeError(`action ${bad} has no id or no action: nothing was recorded`);
  const [memory, { history = [], queue }, settings] = await Promise.all([
    loadMemory(),
    api.storage.local.get(['history', 'queue']),
    loadSettings().catch(() => undefined),
  ]);
  const days = settings === undefined ? null : retentionDays(settings);
  const next = applyActions(memory, history, entries, { now: Date.now(), days, queue });
  try {
    await api.storage.local.set(next);
  } catch (e) {
    // Nothing was written; the previous memory and history are whole. Say so, loudly.
    const why = String(e?.message ?? e);
    const first = entries.length === 1 ? entries[0].action : 'actions';
    console.warn(`Invite Triage: ${what} was not recorded:`, why);
    throw new Error(`could not record "${first}": ${why}`);
  }
  return next.memory;
}

/**
 * Deletes the decisions log's entries older than the retention setting (and beyond its cap),
 * at `now`. Settings that cannot be read (damaged, or an unusable retention) delete nothing
 * until they can. Writes only when something goes; returns how many went.
 */
export async function pruneHistory(now = Date.now()) {
  const [{ history }, settings] = await Promise.all([api.storage.local.get('history'), loadSettings().catch(() => undefined)]);
  if (!Array.isArray(history)) return 0;
  const kept = keepRecent(history, now, settings === undefined ? null : retentionDays(settings));
  if (kept.length === history.length) return 0;
  await api.storage.local.set({ history: kept });
  return history.length - kept.length;
}

/**
 * Removes the settings from storage.sync: the index first (so a reader sees "never saved",
 * not a damaged store), then every part, the stray ones of an interrupted save too. Returns
 * how many items went.
 */
export async function clearSettings() {
  const all = await api.storage.sync.get(null);
  const keys = Object.keys(all).filter((k) => k === SETTINGS_META || k.startsWith(CHUNK_PREFIX));
  if (!keys.length) return 0;
  await api.storage.sync.remove(SETTINGS_META);
  await api.storage.sync.remove(keys.filter((k) => k !== SETTINGS_META));
  return keys.length;
}

/**
 * "Delete everything": all that the extension stored, storage.local entirely and the settings
 * in storage.sync. Returns what there was: `{history, notes, decisions, cards, settings}`
 * (counts; `settings` whether there were saved settings).
 * @returns {Promise<Deleted>}
 */
export async function deleteEverything() {
  const local = await api.storage.local.get(null);
  const count = (o) => (o && typeof o === 'object' ? Object.keys(o).length : 0);
  const deleted = {
    history: Array.isArray(local.history) ? local.history.length : 0,
    notes: count(local.memory?.notes),
    decisions: count(local.memory?.decisions),
    cards: count(local.queue?.cards),
    settings: false,
  };
  await api.storage.local.clear();
  deleted.settings = (await clearSettings()) > 0;
  return deleted;
}
