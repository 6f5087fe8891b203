// The messages between the extension's parts, and the engine's requests and answers, in one
// place. Dev-time only: `./build.sh test` checks extension/*.js against them with
// `tsc --checkJs`; nothing here ships. Global declarations (no import or export), so every
// script and module of extension/ can name them in JSDoc as they are.
//
//   content script ──WorkerMessage──▶ worker (bg.js) ──EngineRequest──▶ engine host
//   popup / options ─WorkerMessage──▶ worker               (chromium/engine-host.js sends it
//   popup ───────────TabMessage─────▶ content script        as an EngineHostMessage to the
//   popup / options ─EngineRequest──▶ engine.js (in page)   offscreen document)
//
// The shapes the engine returns are the Rust types' JSON (serde): their names are given.

// ------------------------------------------------------------------ shared shapes

type Bucket = 'accept' | 'review' | 'ignore';
type ActionName = 'accept' | 'accept-thank' | 'decline' | 'reply' | 'later' | 'note' | 'withdraw';
/** `<html data-triage-status>`: the engine's three, and `blocked` when it could not run. */
type PlanStatus = 'ready' | 'no-invitations' | 'unrecognized';
type PageStatus = PlanStatus | 'blocked' | 'reading';
type InvitationKind = 'person' | 'group' | 'event' | 'page' | 'newsletter';

/**
 * A settings document (src/core/settings.rs `Settings`), as stored and as the engine returns it
 * migrated. Only what the shell reads is spelled out; the engine validates the rest.
 */
interface Settings {
  version?: number;
  my_name: string;
  premium: boolean;
  rules: { weights: Record<string, number>; [rule: string]: any };
  templates: { thank_you: string; decline: string[]; reply: string; later_note: string; [name: string]: any };
  weekly_budget: number;
  reminder: { enabled: boolean; weekday: number; hour: number };
  /** Since schema 3: nothing is added to LinkedIn's page. */
  quiet: boolean;
  /** Since schema 3: the pause between two accepts of a batch, `[min, max]` ms. */
  batch: { pace_ms: [number, number] };
  /** Since schema 3: the decisions log keeps entries this many days. */
  history: { retention_days: number };
  [field: string]: any;
}

/**
 * The user's notes and decisions by card id (plan.rs `Memory`), in storage.local `memory`, and
 * how earlier invitations of the same people ended (`past`). The worker adds the week's history
 * (`recent`) and the time (`now`) when it asks for a triage.
 */
interface Memory {
  notes: Record<string, string>;
  decisions: Record<string, string>;
  past?: Record<string, { how: 'ignored' | 'declined'; at: number }>;
  recent?: HistoryEntry[];
  now?: number;
  /** The page's address: the engine reads the Sent tab as sent invitations. */
  url?: string;
}

/**
 * One entry of the decisions log, storage.local `history` (history.js `historyEntry`; the
 * engine's summary reads `id`, `action`, `at` and `outcome`: summary.rs `Done`). Entries
 * written before the log had the rest carry only `id`, `action` and `at`.
 */
interface HistoryEntry {
  id: string;
  action: string;
  /** Milliseconds since the epoch. */
  at: number;
  /** `done` or `accepted`: LinkedIn took it (a decision); else what stopped it. Absent: done. */
  outcome?: 'done' | 'accepted' | 'not-on-page' | 'budget' | 'friction' | 'not-taken' | 'stopped' | string;
  /** Where it was taken: our button (`extension`) or LinkedIn's own (`linkedin`). Absent: extension. */
  via?: 'extension' | 'linkedin' | string;
  name?: string | null;
  /** The profile link, when it was known. Only https://www.linkedin.com/in/… links are followed. */
  profile?: string | null;
  bucket?: Bucket | string | null;
  score?: number | null;
  /** The top reasons, in words. */
  reasons?: string[];
}

/** Who an action was about, as the caller knows it (storage.js `recordAction`'s `card`). */
interface HistoryCard {
  name?: string;
  profile?: string;
  bucket?: Bucket;
  score?: number;
  reasons?: string[];
}

/** What storage.js `recordAction` and `recordOutcomes` record. */
interface RecordedAction {
  id: string;
  action: ActionName | string;
  /** For `note`: the note (empty removes it). */
  note?: string;
  /** Default `done`. */
  outcome?: HistoryEntry['outcome'];
  /** Default `extension`. */
  via?: HistoryEntry['via'];
  card?: HistoryCard;
}

/** What "Delete everything" found and deleted (storage.js `deleteEverything`). */
interface Deleted {
  history: number;
  notes: number;
  decisions: number;
  cards: number;
  /** Whether there were saved settings. */
  settings: boolean;
}

/** This week's accepts against the budget (budget.rs `Week`). */
interface Week {
  accepted: number;
  budget: number;
  /** Set past the budget: the question an Accept asks before its second click. */
  confirm?: string;
}

/** What a batch will do (budget.rs `BatchPlan`). */
interface BatchPlan {
  go: string[];
  over_budget: string[];
  next_batch: string[];
  pace_ms: [number, number];
  week: Week;
  /** What each click does. */
  action?: 'accept' | 'withdraw';
}

/** A batch's state, as the content script reports it and storage.local `batch` keeps it. */
interface BatchState {
  running: boolean;
  /** What each click does. */
  action?: 'accept' | 'withdraw';
  outcomes: Record<string, 'accepted' | 'withdrawn' | 'not-on-page' | 'budget' | 'friction' | 'not-taken' | 'stopped'>;
  current: string | null;
  stopped: { why: string; text?: string; at?: string } | null;
  started: number;
  go: string[];
  next_batch: string[];
  tab?: number | null;
  updated?: number;
}

/** The side panel's queue (review.rs `Review`). */
interface Review {
  groups: { bucket: Bucket; rows: ReviewRow[] }[];
  batch: string[];
  week: Week;
  bucket_words: BucketWords;
}
interface ReviewRow {
  id: string;
  name: string;
  bucket: Bucket;
  score: number;
  reasons: { label: string; points: number }[];
  profile: string | null;
  days: number | null;
  note: string | null;
  decision: string | null;
}

/** One invitation as remembered (summary.rs `Seen`). */
interface QueueCard {
  name: string;
  bucket: Bucket;
  score: number;
  reasons: string[];
  days: number | null;
  /** When the page first showed it at `days` (ms since the epoch): its age grows from there. */
  seen: number;
  /** The list it was read in (the page's path and selected tab and filter), if the page said. */
  list?: string | null;
  /** Set when LinkedIn resolved it while we watched (summary.rs `Resolved`). */
  resolved?: { at: number; how: 'accepted' | 'ignored' | 'gone' | string };
  /** Every reason with its points, strongest first. */
  why?: { label: string; points: number }[];
  profile?: string | null;
}

/** storage.local `queue`: every card seen this session, and how the last page went. */
interface Queue {
  cards: Record<string, QueueCard>;
  status?: PageStatus;
  unreadable?: number;
  lang?: string | null;
  langUnsupported?: boolean;
  /** Why the page was `blocked`. */
  reason?: string;
  updated?: number;
  /** The tab the page was last read in (the side panel acts there). */
  tab?: number | null;
}

// ------------------------------------------------------------------ what the engine returns

/** Where a card is: its root's index in the snapshot (`data-ti`); the controls go with actions. */
interface Placement {
  root: number;
}

/**
 * One suggested-response button (plan.rs `ActionPaint`). Empty, false and absent fields are
 * left out of the plan.
 */
interface PlanAction {
  action: ActionName;
  message?: string;
  primary?: boolean;
  /** The LinkedIn control (snapshot index) this button clicks, as the plan chose it. */
  control?: number;
  /** Whether the action answers the invitation (only the first one per card counts). */
  resolves?: boolean;
  missing_control?: boolean;
  /** Whether it accepts (and so counts against the weekly budget). */
  budgeted?: boolean;
}

/** Everything painted on one card (plan.rs `CardPaint`). */
interface PlanCard {
  at: Placement;
  id: string;
  name: string;
  bucket: Bucket;
  score: number;
  base: number;
  /** The top reasons in one sentence, for the badge's accessible name. */
  summary: string;
  reasons: { label: string; points: number }[];
  actions: PlanAction[];
  note?: string;
  decision?: string;
  days_waiting?: number;
  profile?: string;
}

/** The message keys of the bucket words, once per plan or summary. */
type BucketWords = Record<Bucket, string>;

/** The paint plan for one snapshot (plan.rs `PaintPlan`). */
interface Plan {
  status: PlanStatus;
  count: number;
  unreadable: number;
  lang: string | null;
  lang_unsupported: boolean;
  counts: { accept: number; review: number; ignore: number };
  bucket_words: BucketWords;
  /** The message key of each action's button text, once per plan. */
  action_words: Record<ActionName, string>;
  cards: PlanCard[];
  /** Cards painted before that LinkedIn resolved since (plan.rs `ResolvedCard`). */
  resolved: { at: number; id: string; how: 'accepted' | 'gone' }[];
  /** The list shown and whether all of it was read (plan.rs `ListShown`). */
  list: { key: string; complete: boolean } | null;
  own_headline_used: boolean;
  week: Week;
  /** LinkedIn's friction on the page (friction.rs `Friction`). */
  frictions?: { at: number; kind: 'dialog' | 'alert'; text: string }[];
  /** Quiet mode: paint nothing. */
  quiet?: boolean;
  /** Which tab: received invitations (`cards`) or sent ones (`sent`). */
  page: 'received' | 'sent';
  /** The Sent tab's invitations (sent_plan.rs `SentPaint`). */
  sent?: SentCard[];
  /** LinkedIn's withdraw confirmations open on the page (sent_plan.rs `ConfirmPaint`). */
  confirms?: { dialog: number; control: number; id?: string }[];
  /** Sent invitations painted before that hold no Withdraw now, by id. */
  gone?: string[];
  /** The Sent tab's cards painted before and unchanged (stubs), by id. */
  known_ids?: string[];
  /** One part of a long page (partial.rs): the rest comes next, nothing page-wide is final. */
  partial?: boolean;
}

/** Everything painted on one sent invitation (sent_plan.rs `SentPaint`). */
interface SentCard {
  at: Placement;
  id: string;
  name: string;
  profile?: string;
  /** `data-triage-sent-days` */
  days?: number;
  /** `data-triage-suggest="withdraw"` */
  withdraw: boolean;
  reasons: { label: string; points: number }[];
  actions: PlanAction[];
  note?: string;
  decision?: string;
}

/** One card of a Sent tab read, for the ledger (sent_ledger.rs `Observed`). */
interface SentObserved {
  id: string;
  name: string;
  profile: string | null;
  days: number | null;
  withdraw: boolean;
}

/** The sent invitations' ledger, storage.local `sent` (sent_ledger.rs `Ledger`), with the page's state. */
interface SentLedger {
  entries: Record<string, { name: string; profile?: string; sent_at: number; state: 'pending' | 'withdrawn' | 'accepted' | 'expired'; ended_at?: number; withdraw: boolean }>;
  status?: PlanStatus;
  unreadable?: number;
  lang?: string | null;
  langUnsupported?: boolean;
  tab?: number | null;
  updated?: number;
}

/** The popup's figures on sent invitations (sent_ledger.rs `SentStats`). */
interface SentStats {
  seen: boolean;
  pending: number;
  withdraw_suggested: number;
  oldest: { id: string; name: string; days: number } | null;
  /** Pending past the withdraw threshold, oldest first (the batch withdraw's list). */
  suggested: { id: string; name: string; days: number }[];
  window_days: number;
  sent: number;
  accepted: number;
  withdrawn: number;
  expired: number;
  rate: number | null;
}

/** A settings problem, naming its field (`''` for the document). */
interface FieldError {
  field: string;
  message: string;
}

/** validateSettings: `ok` with the migrated document, or the errors. */
interface ValidationOutcome {
  ok: boolean;
  settings?: Settings | null;
  errors: FieldError[];
}

/** One line of the popup (summary.rs `Entry`). */
interface SummaryEntry {
  id: string;
  name: string;
  bucket: Bucket;
  score: number;
  detail: string;
}

/** What the popup shows (summary.rs `Summary`). */
interface Summary {
  accept: number;
  review: number;
  ignore: number;
  decided: number;
  top: SummaryEntry[];
  stale: SummaryEntry[];
  notes: SummaryEntry[];
  week: Week;
  resolved: number;
  bucket_words: BucketWords;
}

/** What the options page's preview form holds (preview.rs `Sample`); the engine reads it as a card. */
interface PreviewSample {
  [field: string]: string | boolean | undefined;
}

/** The diagnostics channel (inspect.rs `Inspection`). */
interface Inspection {
  parents: number[];
  unreadable: number;
  cards: {
    root: number;
    id: string;
    kind: InvitationKind;
    name: string;
    headline: string;
    note: string | null;
    mutual_count: number;
    mutual_names: string[];
    days_waiting: number | null;
    target: string | null;
    inviter?: string;
    has_photo: boolean;
  }[];
}

/** The note coach's answer (coach.rs `Coaching`). */
interface Coaching {
  score: number;
  bucket: Bucket;
  base: number;
  reasons: { label: string; points: number }[];
  /** The note's length in UTF-16 code units, as LinkedIn counts it. */
  length: number;
  /** 300 with Premium, else 200. */
  limit: number;
  /** One filled template per coach template setting (`key` is its field: `coach_met`, …). */
  templates: { key: string; text: string }[];
  recipient: { name: string; first_name: string; headline: string; company: string };
}

/** The engine host's own figures, for `ping`. */
interface HostStats {
  wasmLoadMs: number;
  readyAtMs: number;
  wasmMemoryBytes: number;
  jsHeapBytes: number | null;
}

// ------------------------------------------------------------------ engine requests (engine.js `handle`)

type EngineRequest =
  | { op: 'triage'; html: string; settings: Settings | null; memory: Memory }
  | { op: 'preview'; sample: PreviewSample; settings: Settings | null }
  | { op: 'defaults' }
  | { op: 'validate'; settings: unknown }
  | { op: 'summarize'; queue: Queue; memory: Memory; history: HistoryEntry[]; settings: Settings | null; now: number }
  | { op: 'review'; queue: Queue; memory: Memory; history: HistoryEntry[]; settings: Settings | null; now: number }
  | { op: 'batch'; ids: string[]; history: HistoryEntry[]; settings: Settings | null; now: number }
  | { op: 'observeSent'; ledger: SentLedger | null; observation: { cards?: SentObserved[]; present?: string[]; complete?: boolean; withdrawn?: string[] }; now: number }
  | { op: 'withdrawBatch'; ids: string[]; settings: Settings | null }
  | { op: 'sentStats'; ledger: SentLedger | null; now: number }
  | { op: 'ping' }
  | { op: 'inspect'; html: string }
  | { op: 'coach'; html: string; note: string; settings: Settings | null };
type EngineOp = EngineRequest['op'];

/**
 * engine.js's answer to any request: the field named for its op, or `error` (never a
 * rejection). One shape for all ops, every field optional, so a caller reads its own.
 */
interface EngineReply {
  /** triage */
  plan?: Plan;
  /** triage: milliseconds spent in the engine. */
  engineMs?: number;
  /** preview: the sample painted as a card on the page would be. */
  preview?: { card: PlanCard; bucket_words: BucketWords; action_words: Record<ActionName, string> };
  /** defaults */
  settings?: Settings;
  /** validate */
  outcome?: ValidationOutcome;
  /** summarize */
  summary?: Summary;
  /** review */
  review?: Review;
  /** batch */
  batch?: BatchPlan;
  /** triage (from the worker): quiet mode, known even when the engine failed. */
  quiet?: boolean;
  /** observeSent */
  ledger?: { entries: SentLedger['entries'] };
  /** sentStats */
  sentStats?: SentStats;
  /** ping */
  pong?: boolean;
  /** ping */
  stats?: HostStats;
  /** inspect */
  inspection?: Inspection;
  /** coach */
  coaching?: Coaching;
  /** The request failed, in words. */
  error?: string;
  /** The wasm trapped: the hosting page reloads with a fresh instance. */
  restarted?: boolean;
  /** The settings sent were refused (the caller may retry with the defaults). */
  settingsRefused?: boolean;
}

/** An engine request on its way from the worker to Chromium's offscreen document. */
type EngineHostMessage = EngineRequest & { target: 'engine' };

// ------------------------------------------------------------------ messages to the worker (bg.js)

/** content.js: a snapshot of the invitations page to triage. */
interface TriageMessage {
  type: 'triage';
  html: string;
  /** The page's address (the engine reads the Sent tab as sent invitations). */
  url?: string;
}
/**
 * content.js or the side panel: the user acted with one of our buttons (`note` carries the
 * note; empty removes it), and what LinkedIn made of it (`outcome`).
 */
interface ActionMessage {
  type: 'action';
  id: string;
  action: ActionName;
  note?: string;
  outcome?: RecordedAction['outcome'];
  via?: RecordedAction['via'];
  card?: HistoryCard;
}
/** content.js: the batch's state, for the side panel. */
interface BatchMessage {
  type: 'batch';
  state: BatchState;
}
/** content.js: the page could not be triaged; kept for the popup. */
interface StatusMessage {
  type: 'status';
  status: 'blocked';
  reason: string;
}
/** content.js: cards that went away after LinkedIn's own Accept or Ignore was clicked in them. */
interface ResolvedMessage {
  type: 'resolved';
  resolved: { id: string; how: 'accepted' | 'ignored' | 'withdrawn'; via: 'linkedin' | 'extension' }[];
}
/** Any extension page (the benchmarks): an engine request, answered by the worker's host. */
interface EngineMessage {
  type: 'engine';
  request: EngineRequest;
}
/**
 * coach.js: LinkedIn's "Add a note" box, to score. `dialog` is the snapshot of the dialog (and
 * the profile's top card), `note` what the box holds. Answered with `{coaching}`, or
 * `{quiet: true}` in quiet mode (the coach then adds nothing to the page).
 */
interface CoachMessage {
  type: 'coach';
  dialog: string;
  note: string;
}
/** options.js (and tests): reschedule the weekly reminder and say when it fires next. */
interface ReminderMessage {
  type: 'reminder';
}
/** options.js: "Delete everything", after the user confirmed it. */
interface ForgetMessage {
  type: 'forget';
}
type WorkerMessage = TriageMessage | ActionMessage | StatusMessage | ResolvedMessage | EngineMessage | ReminderMessage | BatchMessage | ForgetMessage | CoachMessage;

/** What the worker answers each message with. A handler that throws answers `{error}`. */
interface WorkerReplies {
  triage: EngineReply;
  action: { ok?: true; error?: string };
  status: { ok?: true; error?: string };
  resolved: { ok?: true; error?: string };
  batch: { ok?: true; error?: string };
  engine: EngineReply;
  reminder: { next?: number | null; error?: string };
  forget: { deleted?: Deleted; error?: string };
  coach: EngineReply;
}

/** bg.js's handlers, one per message type, each checked against its message and reply. */
type WorkerHandlers = {
  [T in WorkerMessage['type']]: (
    message: Extract<WorkerMessage, { type: T }>,
    sender: chrome.runtime.MessageSender,
  ) => WorkerReplies[T] | Promise<WorkerReplies[T]>;
};

// ------------------------------------------------------------------ messages to the content script

/** popup.js: scroll to one card and open its reasons. */
interface RevealMessage {
  type: 'reveal';
  id: string;
}
/** The side panel: which of these cards are on the page. */
interface PresentMessage {
  type: 'present';
  ids: string[];
}
/** The side panel: act on one card, as our button on it would (the budget already confirmed). */
interface ActMessage {
  type: 'act';
  id: string;
  action: ActionName;
  confirmed?: boolean;
}
/** The side panel: start the batch the engine planned. */
interface BatchStartMessage {
  type: 'batchStart';
  plan: BatchPlan;
}
/** The side panel: stop the batch. */
interface BatchStopMessage {
  type: 'batchStop';
}
type TabMessage = RevealMessage | PresentMessage | ActMessage | BatchStartMessage | BatchStopMessage;
