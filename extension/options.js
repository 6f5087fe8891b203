// Options page: edits every rule and template. The engine validates (errors name the field),
// scores the live preview and supplies the defaults; this file maps the form to the settings
// document and back, and saves only what the engine accepted.
import { handle, keepPageOnTrap } from './engine.js';
import { el, localize, t } from './i18n.js';
import { startLog } from './log.js';
import { SCHEMA_VERSION, loadSettings, rescueSettingsText, saveSettings, storeProblemText } from './storage.js';

// This page holds the user's work: an engine trap must not reload it.
keepPageOnTrap();

const form = document.getElementById('view');
const message = document.getElementById('message');
const saveButton = /** @type {HTMLButtonElement} */ (document.getElementById('save'));
const storeProblem = document.getElementById('store-problem');
let defaults = null;
let saved = null;
let current = null;
/**
 * Set while the stored settings cannot be used (damaged, from a newer release, or invalid): the
 * form shows the defaults read-only and nothing is saved until the user imports or resets.
 */
let locked = false;
/** Largest settings file accepted for import, checked before reading it. */
const MAX_IMPORT_BYTES = 256 * 1024;

// ------------------------------------------------------------------ field map
/** @type {[string, string[]][]} Sections (a message key) and their fields' settings paths. */
const NUMBER_FIELDS = [
  ['secThresholds', ['rules.base', 'rules.accept_at', 'rules.review_at', 'rules.stale_days', 'weekly_budget']],
];
/** @type {[string, string[]][]} */
const LIST_FIELDS = [
  ['secYou', ['rules.field_keywords', 'rules.companies', 'rules.schools']],
  ['secPeople', ['rules.always_accept', 'rules.trusted_names', 'rules.always_ignore']],
  [
    'secSignals',
    [
      'rules.sales_phrases',
      'rules.spam_phrases',
      'rules.open_networker_phrases',
      'rules.recruiter_phrases',
      'rules.seller_phrases',
      'rules.context_phrases',
      'rules.community_phrases',
      'rules.interest_phrases',
      'rules.generic_notes',
    ],
  ],
];
const TEMPLATE_FIELDS = ['templates.thank_you', 'templates.reply', 'templates.later_note'];
/** The note coach's templates, since schema 4. */
const COACH_FIELDS = ['templates.coach_met', 'templates.coach_talk', 'templates.coach_group', 'templates.coach_recruiter'];
/** Help under a list, by path; the other lists are phrase lists (`listHelp`). */
const LIST_HELP = {
  'rules.always_accept': 'alwaysAcceptHelp',
  'rules.trusted_names': 'trustedNamesHelp',
  'rules.always_ignore': 'alwaysIgnoreHelp',
};
const listHelp = (path) => t(LIST_HELP[path] ?? 'listHelp');

const get = (obj, path) => path.split('.').reduce((o, k) => o?.[k], obj);
function set(obj, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  keys.reduce((o, k) => (o[k] ??= {}), obj)[last] = value;
}
/**
 * The form's controls bound to a settings path (`data-path`, under `root`): inputs, textareas
 * and selects, typed as inputs (what is read of them: type, value, checked, dataset).
 * @returns {HTMLInputElement[]}
 */
const pathControls = (selector = '[data-path]', root = form) => [...root.querySelectorAll(selector)].map((c) => /** @type {HTMLInputElement} */ (c));
const idOf = (path) => `f-${path.replace(/\./g, '-')}`;
const labelKey = (path) => `f_${path.replace(/\./g, '_')}`;

function field(path, control, help) {
  control.id = idOf(path);
  control.dataset.path = path;
  const error = el('p', { class: 'error', id: `${control.id}-error`, hidden: true });
  control.setAttribute('aria-describedby', `${control.id}-error${help ? ` ${control.id}-help` : ''}`);
  return el(
    'div',
    { class: 'field', 'data-field': path },
    el('label', { for: control.id }, t(labelKey(path))),
    control,
    help ? el('p', { class: 'help', id: `${control.id}-help` }, help) : null,
    error,
  );
}

const numberInput = () => el('input', { type: 'number', step: 1, inputmode: 'numeric' });
const listInput = () => el('textarea', { rows: 4, spellcheck: 'false' });

function declineList(messages) {
  const box = el('div', { class: 'declines', id: 'declines' });
  const add = (text) => {
    const i = box.children.length;
    const area = el('textarea', { rows: 3, 'data-decline': '', 'aria-label': `${t('f_templates_decline')} ${i + 1}` });
    area.value = text;
    const remove = el('button', { type: 'button', class: 'link' }, t('removeDecline'));
    const row = el('div', { class: 'decline', 'data-field': `templates.decline.${i}` }, area, remove, el('p', { class: 'error', hidden: true }));
    remove.addEventListener('click', () => {
      row.remove();
      changed();
    });
    box.append(row);
  };
  messages.forEach(add);
  const more = el('button', { type: 'button' }, t('addDecline'));
  more.addEventListener('click', () => {
    add('');
    box.lastElementChild.querySelector('textarea').focus();
  });
  return el(
    'div',
    { class: 'field', 'data-field': 'templates.decline' },
    el('p', { class: 'label' }, t('f_templates_decline')),
    box,
    more,
    el('p', { class: 'error', hidden: true }),
  );
}

function section(titleKey, ...children) {
  return el('fieldset', {}, el('legend', {}, t(titleKey)), ...children);
}

/**
 * The always-accept entries that upgrading `raw` (a stored or imported document, before the
 * engine migrated it) moved to trusted names: names, since schema 2 (an impersonator copies a
 * contact's display name). The engine decides what moves; this only tells which did.
 */
function movedNames(raw, migrated) {
  const version = typeof raw?.version === 'number' ? raw.version : 0;
  const before = raw?.rules?.always_accept;
  if (version >= 2 || !Array.isArray(before) || !migrated?.rules) return [];
  const kept = new Set(migrated.rules.always_accept);
  const trusted = new Set(migrated.rules.trusted_names);
  return [...new Set(before)].filter((e) => typeof e === 'string' && !kept.has(e) && trusted.has(e));
}

/** Warns above the trusted names, listing them, when an upgrade moved always-accept names there. */
function showMoved(names, settings) {
  const box = form.querySelector('[data-field="rules.trusted_names"]');
  if (!box || !names.length) return;
  const notice = el(
    'div',
    { class: 'warning', id: 'moved-names' },
    el('p', {}, t('movedNames', settings.rules.weights.trusted_name)),
    el('ul', {}, ...names.map((n) => el('li', {}, n))),
  );
  box.querySelector('label').after(notice);
  const area = box.querySelector('textarea');
  area.setAttribute('aria-describedby', `${notice.id} ${area.getAttribute('aria-describedby')}`);
}

function build(settings, moved = []) {
  const parts = [];
  for (const [title, paths] of NUMBER_FIELDS) {
    parts.push(section(title, el('div', { class: 'grid' }, ...paths.map((p) => field(p, numberInput())))));
  }
  const you = LIST_FIELDS[0];
  parts.push(
    section(
      you[0],
      field('my_name', el('input', { type: 'text', autocomplete: 'name' })),
      field('premium', el('input', { type: 'checkbox' })),
      ...you[1].map((p) => field(p, listInput(), listHelp(p))),
    ),
  );
  for (const [title, paths] of LIST_FIELDS.slice(1)) {
    parts.push(section(title, ...paths.map((p) => field(p, listInput(), listHelp(p)))));
  }
  const weights = Object.keys(settings.rules.weights).map((k) => {
    const input = numberInput();
    input.id = idOf(`rules.weights.${k}`);
    input.dataset.path = `rules.weights.${k}`;
    return el(
      'div',
      { class: 'field', 'data-field': `rules.weights.${k}` },
      el('label', { for: input.id }, t(`w_${k}`)),
      input,
      el('p', { class: 'error', hidden: true }),
    );
  });
  parts.push(section('secPoints', el('div', { class: 'grid' }, ...weights)));
  parts.push(
    section(
      'secMessages',
      el('p', { class: 'help' }, t('placeholderHelp')),
      ...TEMPLATE_FIELDS.slice(0, 1).map((p) => field(p, el('textarea', { rows: 3 }))),
      declineList(settings.templates.decline),
      ...TEMPLATE_FIELDS.slice(1).map((p) => field(p, el('textarea', { rows: 3 }))),
    ),
  );
  const weekday = el('select', {}, ...t('weekdays').split(',').map((d, i) => el('option', { value: i }, d)));
  parts.push(
    section(
      'secReminder',
      field('reminder.enabled', el('input', { type: 'checkbox' })),
      el('div', { class: 'grid' }, field('reminder.weekday', weekday), field('reminder.hour', numberInput())),
    ),
  );
  parts.push(...reviewSections());
  // The note coach's templates (schema 4).
  parts.push(section('secCoach', el('p', { class: 'help' }, t('coachHelp')), ...COACH_FIELDS.map((p) => field(p, el('textarea', { rows: 3 })))));
  form.replaceChildren(...parts);
  showMoved(moved, settings);
  fill(settings);
  for (const set of form.querySelectorAll('fieldset')) set.disabled = locked;
}

/**
 * Schema 3's settings (quiet mode, the batch's pace, the decisions log's retention) and schema
 * 4's (when a sent invitation gets a "withdraw?" suggestion).
 */
function reviewSections() {
  const quiet = field('quiet', el('input', { type: 'checkbox' }));
  quiet.querySelector('input').setAttribute('aria-describedby', 'f-quiet-error f-quiet-help');
  return [
    section(
      'secReview',
      quiet,
      el('p', { class: 'help', id: 'f-quiet-help' }, t('quietHelp')),
      el('div', { class: 'grid' }, field('batch.pace_ms.0', numberInput(), t('paceHelp')), field('batch.pace_ms.1', numberInput())),
    ),
    section('secHistory', field('history.retention_days', numberInput(), t('retentionHelp'))),
    section('secSent', field('sent.withdraw_after_days', numberInput(), t('withdrawAfterHelp'))),
  ];
}

/** Puts a settings document into the form. */
function fill(settings) {
  for (const control of pathControls()) {
    const value = get(settings, control.dataset.path);
    if (control.type === 'checkbox') control.checked = Boolean(value);
    else if (Array.isArray(value)) control.value = value.join('\n');
    else control.value = value ?? '';
  }
}

/** Reads the form into a settings document (not yet validated). */
function read() {
  const settings = structuredClone(current);
  for (const control of pathControls()) {
    const path = control.dataset.path;
    const before = get(settings, path);
    let value;
    if (control.type === 'checkbox') value = control.checked;
    else if (Array.isArray(before)) value = control.value.split('\n').map((s) => s.trim()).filter(Boolean);
    else if (control.type === 'number' || control.tagName === 'SELECT') value = control.value === '' ? Number.NaN : Number(control.value);
    else value = control.value;
    set(settings, path, value);
  }
  settings.templates.decline = pathControls('[data-decline]').map((a) => a.value.trim()).filter(Boolean);
  return settings;
}

// ------------------------------------------------------------------ validation and preview
function showErrors(errors) {
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (form.querySelectorAll('.error'))) {
    node.hidden = true;
    node.textContent = '';
  }
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const e of errors) {
    // The closest field that exists: "rules.sales_phrases.3" is shown at "rules.sales_phrases".
    let path = e.field;
    let box = null;
    while (path && !(box = form.querySelector(`[data-field="${CSS.escape(path)}"]`))) path = path.split('.').slice(0, -1).join('.');
    const target = box ?? form.firstElementChild;
    const slot = /** @type {HTMLElement | null} */ (target?.querySelector(':scope > .error'));
    if (slot) {
      slot.hidden = false;
      slot.textContent = `${slot.textContent ? `${slot.textContent} ` : ''}${e.message}`;
    }
    target?.querySelector('[data-path], textarea, input')?.setAttribute('aria-invalid', 'true');
  }
}

/** Validates numbers the engine cannot even read (empty or not a number) before asking it. */
function numberErrors(settings) {
  return pathControls('input[type=number][data-path]')
    .filter((c) => !Number.isFinite(get(settings, c.dataset.path)) || !Number.isInteger(get(settings, c.dataset.path)))
    .map((c) => ({ field: c.dataset.path, message: 'must be a whole number' }));
}

/** @returns {Promise<ValidationOutcome>} */
async function validate(settings, { fromForm = false } = {}) {
  const early = fromForm ? numberErrors(settings) : [];
  if (early.length) return { ok: false, errors: early };
  const reply = await handle({ op: 'validate', settings });
  if (reply.error) return { ok: false, errors: [{ field: '', message: reply.error }] };
  return reply.outcome;
}

let pending = 0;
async function changed() {
  const ticket = ++pending;
  const draft = read();
  const outcome = await validate(draft, { fromForm: true });
  if (ticket !== pending) return;
  showErrors(outcome.ok ? [] : outcome.errors);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved ?? defaults);
  saveButton.disabled = locked || !outcome.ok || !dirty;
  message.textContent = outcome.ok ? (dirty ? t('unsaved') : '') : t('invalid');
  message.className = outcome.ok ? '' : 'problem';
  await preview(outcome.ok ? outcome.settings : null);
}

/**
 * Sample invitations for the preview. Each field is a text as LinkedIn shows it on a card: the
 * engine reads the sample as it reads a card on the page (`{op: 'preview'}`), so it scores, and
 * its messages greet and mention whom, exactly as that card would on the page.
 */
const SAMPLES = [
  { kind: 'person', name: 'Ana Souza', headline: 'Staff Rust engineer at Ferrous Labs', mutual: 'Bo Li and 11 other mutual connections', note: 'We worked together on the runtime team, would be great to stay in touch!', has_photo: true, age: '3 days ago' },
  { kind: 'person', name: 'Priya Raman', headline: 'Technical Recruiter at Hooli', mutual: '4 mutual connections', note: 'We are hiring a Principal Engineer. Open to a chat?', has_photo: true, age: '3 weeks ago' },
  { kind: 'person', name: 'Mark Webb', headline: 'Helping SaaS founders book 30+ meetings a month', mutual: 'Chloé Martin is a mutual connection', note: 'Do you have 15 minutes for a quick call this week?', has_photo: true, age: '2 days ago' },
  { kind: 'person', name: 'Grace Miller', headline: 'Army doctor | UN peacekeeping mission', mutual: '', note: 'Hello dear, you seem kind. Text me on WhatsApp.', has_photo: false, age: 'Today' },
  { kind: 'person', name: 'Nadia Rahman', headline: 'Computer science student', mutual: '1 mutual connection', note: 'I loved your blog post on Rust, could I ask two questions?', has_photo: true, age: '3 months ago' },
  { kind: 'group', name: 'Grace Ndlovu', target: 'Rust in Production', headline: 'Group · 18,204 members', mutual: '', note: '', has_photo: true, age: '2 days ago' },
];
const KINDS = [
  ['person', 'previewKindPerson'],
  ['group', 'previewKindGroup'],
  ['event', 'previewKindEvent'],
  ['page', 'previewKindPage'],
  ['newsletter', 'previewKindNewsletter'],
];
/** The preview form: [sample field, label key, control, placeholder key]. */
const PREVIEW_FIELDS = [
  ['kind', 'previewKind', 'select'],
  ['name', 'previewName', 'text'],
  ['target', 'previewTarget', 'text'],
  ['headline', 'previewHeadline', 'text'],
  ['mutual', 'previewMutual', 'text', 'previewMutualExample'],
  ['age', 'previewAge', 'text', 'previewAgeExample'],
  ['note', 'previewNote', 'textarea'],
  ['has_photo', 'previewPhoto', 'checkbox'],
];
let lastValid = null;
/** Counts previews asked for: only the latest one's answer is shown. */
let previewing = 0;

function previewControl(key, type, placeholder) {
  if (type === 'select') return el('select', {}, ...KINDS.map(([value, label]) => el('option', { value }, t(label))));
  if (type === 'textarea') return el('textarea', { rows: 3 });
  return el('input', { type, placeholder: placeholder ? t(placeholder) : false });
}

/** The target's field only for a group, event, page or newsletter. */
function showTarget() {
  const kind = /** @type {HTMLSelectElement} */ (document.getElementById('preview-kind'));
  const field = /** @type {HTMLElement} */ (document.getElementById('preview-target').closest('.field'));
  field.hidden = kind.value === 'person';
}

function buildPreview() {
  const box = document.getElementById('preview-form');
  const pick = el('select', { id: 'preview-sample' }, ...SAMPLES.map((s, i) => el('option', { value: i }, s.target || s.name)));
  const inputs = PREVIEW_FIELDS.map(([key, label, type, placeholder]) => {
    const control = previewControl(key, type, placeholder);
    control.id = `preview-${key}`;
    control.dataset.key = key;
    control.addEventListener(type === 'select' ? 'change' : 'input', () => {
      if (key === 'kind') showTarget();
      preview(lastValid);
    });
    return el('div', { class: `field ${type}` }, el('label', { for: control.id }, t(label)), control);
  });
  const load = () => {
    const sample = SAMPLES[Number(pick.value)];
    for (const [key] of PREVIEW_FIELDS) {
      const control = /** @type {HTMLInputElement} */ (document.getElementById(`preview-${key}`));
      if (control.type === 'checkbox') control.checked = Boolean(sample[key]);
      else control.value = sample[key] ?? '';
    }
    showTarget();
    preview(lastValid);
  };
  pick.addEventListener('change', load);
  box.replaceChildren(
    el('div', { class: 'field' }, el('label', { for: pick.id }, t('previewSample')), pick),
    el('p', { class: 'help' }, t('previewHelp')),
    ...inputs,
  );
  load();
}

/** What the preview form holds, as it is: the engine reads it as a card on the page. */
function previewSample() {
  const sample = {};
  for (const [key] of PREVIEW_FIELDS) {
    const control = /** @type {HTMLInputElement} */ (document.getElementById(`preview-${key}`));
    sample[key] = control.type === 'checkbox' ? control.checked : control.value;
  }
  return sample;
}

/** A reason's signed points in the user's number format: "+20", "-35", "0". */
const points = new Intl.NumberFormat(undefined, { signDisplay: 'exceptZero' });
const pointsClass = (n) => (n < 0 ? 'pts neg' : n > 0 ? 'pts pos' : 'pts');

async function preview(settings) {
  const out = document.getElementById('preview-out');
  if (!document.getElementById('preview-name')) return;
  const ticket = ++previewing;
  if (!settings) {
    out.replaceChildren(el('p', { class: 'muted' }, t('previewInvalid')));
    return;
  }
  lastValid = settings;
  const reply = await handle({ op: 'preview', settings, sample: previewSample() });
  if (ticket !== previewing) return; // a newer edit's preview is on its way
  if (reply.error) {
    out.replaceChildren(el('p', { class: 'problem' }, reply.error));
    return;
  }
  const { card, bucket_words: words, action_words: actionWords } = reply.preview;
  out.replaceChildren(
    el('p', { class: `chip big ${card.bucket}`, id: 'preview-verdict', 'data-bucket': card.bucket, 'data-score': card.score }, `${t(words[card.bucket])} ${card.score}`),
    el('h3', {}, t('previewReasons')),
    el('p', { class: 'muted' }, t('previewStarts', card.base)),
    el(
      'ul',
      { class: 'reasons', id: 'preview-reasons' },
      ...card.reasons.map((r) => el('li', {}, el('span', { class: pointsClass(r.points) }, points.format(r.points)), ` ${r.label}`)),
    ),
    el('h3', {}, t('previewMessages')),
    el(
      'dl',
      { class: 'messages', id: 'preview-messages' },
      ...card.actions.filter((a) => a.message).flatMap((a) => [el('dt', {}, t(actionWords[a.action] ?? a.action)), el('dd', { 'data-action': a.action }, a.message)]),
    ),
  );
}

// ------------------------------------------------------------------ save, import, export, reset
/** Why a save failed, in words the user can act on; the previous settings are always whole. */
function saveFailure(e) {
  const why = String(e?.message ?? e);
  if (/MAX_WRITE_OPERATIONS/i.test(why)) return t('rateFailed');
  if (/quota|QUOTA_BYTES|too large|MAX_ITEMS/i.test(why)) return t('quotaFailed');
  return t('saveFailed', why);
}

async function commit(settings, doneKey) {
  try {
    await saveSettings(settings);
  } catch (e) {
    message.textContent = saveFailure(e);
    message.className = 'problem';
    return false;
  }
  unlock();
  saved = settings;
  current = structuredClone(settings);
  message.textContent = t(doneKey);
  message.className = 'ok';
  saveButton.disabled = true;
  return true;
}

saveButton.addEventListener('click', async () => {
  if (locked) return;
  const outcome = await validate(read(), { fromForm: true });
  if (!outcome.ok) {
    showErrors(outcome.errors);
    message.textContent = t('invalid');
    message.className = 'problem';
    return;
  }
  await commit(outcome.settings, 'saved');
});

document.getElementById('export').addEventListener('click', async () => {
  // While the store is unusable, export what is stored (even damaged) so the user keeps a copy.
  const rescue = locked ? await rescueSettingsText().catch(() => null) : null;
  const text = rescue ?? `${JSON.stringify(saved ?? defaults, null, 2)}\n`;
  const name = rescue ? 'invite-triage-settings-unreadable.json' : 'invite-triage-settings.json';
  const blob = new Blob([text], { type: 'application/json' });
  const link = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
});

const importFile = /** @type {HTMLInputElement} */ (document.getElementById('import-file'));
document.getElementById('import').addEventListener('click', () => importFile.click());
importFile.addEventListener('change', async () => {
  const file = importFile.files?.[0];
  importFile.value = '';
  if (!file) return;
  const outcome = await readImport(file);
  if (!outcome.ok) {
    const why = outcome.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
    message.textContent = t('importFailed', why);
    message.className = 'problem';
    return;
  }
  if (await commit(outcome.settings, 'importDone')) build(outcome.settings, outcome.moved);
  await preview(outcome.settings);
});

/**
 * Reads an import file into validated settings, or says why not: too large (refused before
 * reading), not JSON (or cut short), not a settings document, from a newer release, or invalid
 * (each error naming its field).
 */
async function readImport(file) {
  const refuse = (text) => ({ ok: false, errors: [{ field: '', message: text }] });
  if (file.size > MAX_IMPORT_BYTES) return refuse(t('importTooLarge', Math.ceil(file.size / 1024), MAX_IMPORT_BYTES / 1024));
  let parsed;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    return refuse(t('importNotJson'));
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.keys(parsed).length) {
    return refuse(t('importNotSettings'));
  }
  // Before the engine reads it: a newer document may carry fields this release does not know.
  if (typeof parsed.version === 'number' && parsed.version > SCHEMA_VERSION) {
    return refuse(t('importNewer', parsed.version, SCHEMA_VERSION));
  }
  const outcome = await validate(parsed);
  return outcome.ok ? { ...outcome, moved: movedNames(parsed, outcome.settings) } : outcome;
}

document.getElementById('reset').addEventListener('click', async () => {
  if (!window.confirm(t('resetConfirm'))) return;
  if (await commit(structuredClone(defaults), 'resetDone')) build(defaults);
  await preview(defaults);
});

form.addEventListener('input', changed);
form.addEventListener('submit', (e) => e.preventDefault());

// ------------------------------------------------------------------ start
/** The stored settings cannot be used: say why, show the defaults read-only, save nothing. */
function lock(reason) {
  locked = true;
  saved = null;
  storeProblem.textContent = `${reason} ${t('storeKept')}`;
  storeProblem.hidden = false;
  saveButton.disabled = true;
  for (const set of form.querySelectorAll('fieldset')) set.disabled = true;
}

/** After an import or a reset replaced the unusable settings. */
function unlock() {
  if (!locked) return;
  locked = false;
  storeProblem.hidden = true;
  storeProblem.textContent = '';
  for (const set of form.querySelectorAll('fieldset')) set.disabled = false;
}

async function start() {
  localize();
  // The log needs no engine: it shows even when the engine cannot start.
  const logging = startLog({ onDeleted: showDefaults });
  defaults = (await handle({ op: 'defaults' })).settings;
  let settings = defaults;
  let moved = [];
  try {
    saved = await loadSettings();
  } catch (e) {
    lock(storeProblemText(e));
  }
  if (saved) {
    const outcome = await validate(saved);
    if (outcome.ok) {
      settings = outcome.settings;
      moved = movedNames(saved, settings);
    } else lock(t('storeInvalid', outcome.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ')));
  }
  current = structuredClone(settings);
  build(settings, moved);
  buildPreview();
  saveButton.disabled = true;
  await preview(settings);
  await logging;
}

/** After "Delete everything": nothing is saved any more; the form shows the defaults. */
async function showDefaults() {
  if (!defaults) return; // the engine never started: the form was never built
  unlock();
  saved = null;
  current = structuredClone(defaults);
  build(defaults);
  saveButton.disabled = true;
  message.textContent = '';
  message.className = '';
  await preview(defaults);
}

start();
