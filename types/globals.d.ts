// Globals the extension's scripts share, the one browser API field TypeScript's DOM library does
// not describe, and the WebExtension API with the extension's storage typed. Dev-time only (read by tsc), like everything under types/.

/** platform.js: the platform layer (see there). */
declare var inviteTriagePlatform: ReturnType<typeof inviteTriagePlatformOf>;
/** badge-style.js: the CSS of the badges' shadow roots. */
declare var __inviteTriageCss: string;
/** content.js: set once the content script runs in a frame, so it runs once. */
declare var __inviteTriageLoaded: boolean | undefined;
/** Firefox's WebExtension API (Chromium's `chrome`, described by @types/chrome, elsewhere). */
declare var browser: typeof chrome | undefined;

interface Performance {
  /** Chromium's non-standard heap figures. */
  memory?: { usedJSHeapSize: number };
}

// ------------------------------------------------------------------ the WebExtension API, with our storage

/** storage.local: what the worker and storage.js write, and the popup reads. */
interface LocalStore {
  queue?: Queue;
  memory?: Memory;
  history?: HistoryEntry[];
  /** The last batch's state (accept or withdraw), for the side panel. */
  batch?: BatchState;
  /** The sent invitations' ledger, with the Sent tab's state. */
  sent?: SentLedger;
}

/**
 * storage.sync: the settings document in parts (storage.js): the index under `settings`
 * (`{chunks, generation, prefix}`) and the text in `settings.<generation>.<n>`.
 */
interface SyncStore {
  [key: string]: any;
}

/** A storage area whose items have the shape `S`. */
interface TypedStorageArea<S> extends Omit<chrome.storage.StorageArea, 'get' | 'set'> {
  get(keys?: keyof S | (keyof S)[] | null): Promise<S>;
  set(items: Partial<S>): Promise<void>;
}

/** The API as platform.js hands it out: Chromium's types, with the extension's storage typed. */
type ExtensionApi = Omit<typeof chrome, 'storage'> & {
  storage: Omit<typeof chrome.storage, 'local' | 'sync'> & {
    local: TypedStorageArea<LocalStore>;
    sync: TypedStorageArea<SyncStore>;
  };
};
