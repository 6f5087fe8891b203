// Storage adapters shared by the worker, popup and options page. Settings live in
// storage.sync (split into chunks under its 8 KB per-item quota); what the user did and the
// queue seen so far live in storage.local. No logic beyond keeping the data whole.
const api = globalThis.browser ?? globalThis.chrome;

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
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/** The saved settings document, or null when the user never saved any. */
export async function loadSettings() {
  const meta = (await api.storage.sync.get(SETTINGS_META))[SETTINGS_META];
  if (!meta || typeof meta.chunks !== 'number') return null;
  const prefix = meta.prefix ?? CHUNK_PREFIX;
  const keys = Array.from({ length: meta.chunks }, (_, i) => prefix + i);
  const parts = await api.storage.sync.get(keys);
  const text = keys.map((k) => parts[k] ?? '').join('');
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('The saved settings are damaged; they were left untouched. Import a backup or reset to defaults.');
  }
}

/**
 * Saves a (validated) settings document. Writes the new chunks before switching the pointer,
 * so a failure (for example the sync quota) leaves the previous settings whole.
 */
export async function saveSettings(settings) {
  const parts = chunk(JSON.stringify(settings));
  const old = (await api.storage.sync.get(SETTINGS_META))[SETTINGS_META];
  const generation = ((old?.generation ?? 0) + 1) % 2;
  const prefix = `${CHUNK_PREFIX}${generation}.`;
  const items = Object.fromEntries(parts.map((p, i) => [prefix + i, p]));
  await api.storage.sync.set(items);
  await api.storage.sync.set({ [SETTINGS_META]: { chunks: parts.length, generation, prefix } });
  if (old?.prefix) {
    const stale = Array.from({ length: old.chunks }, (_, i) => old.prefix + i);
    await api.storage.sync.remove(stale.filter((k) => !(k in items)));
  }
}

/** Notes and decisions by card id. */
export async function loadMemory() {
  const { memory } = await api.storage.local.get('memory');
  return { notes: memory?.notes ?? {}, decisions: memory?.decisions ?? {} };
}

/** Records what the user did with one invitation (and keeps a dated history for review). */
export async function recordAction({ id, action, note }) {
  const memory = await loadMemory();
  if (action === 'note') {
    if (note) memory.notes[id] = note;
    else delete memory.notes[id];
  } else {
    memory.decisions[id] = action;
  }
  const { history = [] } = await api.storage.local.get('history');
  history.push({ id, action, at: Date.now() });
  await api.storage.local.set({ memory, history: history.slice(-2000) });
  return memory;
}
