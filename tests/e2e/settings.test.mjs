// Nothing is lost: the user's settings survive bad imports, a damaged or newer store, a full
// sync quota and failing writes, in real Chromium and Firefox (browsers.mjs) with the extension
// loaded. Every check reads the settings back through storage.js (and the raw storage.sync items) and compares them whole.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { BROWSERS, launchBrowser } from './browsers.mjs';
import { FIXTURES, readTriage, saveSettingsFrom, waitForStatus } from './harness.mjs';

for (const kind of BROWSERS) {
describe(kind, () => {
let browser;
before(async () => {
  browser = await launchBrowser(kind);
});
after(() => browser?.close());

const extensionPage = (file) => browser.openExtensionPage(file);
/** A page to run storage calls from (an extension page: storage.js is a module there). */
let scratch;
const tool = async () => {
  if (!scratch || scratch.isClosed()) scratch = await extensionPage('popup.html');
  return scratch;
};
const loadSettings = async () =>
  (await tool()).evaluate(async () => {
    try {
      return { settings: await (await import('./storage.js')).loadSettings() };
    } catch (e) {
      return { error: e.message, reason: e.reason };
    }
  });
const saveSettings = async (settings) => saveSettingsFrom(await tool(), settings);
const rawSync = async () => (await tool()).evaluate(() => chrome.storage.sync.get(null));
const setSync = async (items) => (await tool()).evaluate((i) => chrome.storage.sync.set(i), items);
const clearSync = async () => (await tool()).evaluate(() => chrome.storage.sync.clear());

afterEach(async () => {
  await clearSync();
  for (const page of browser.pages()) if (page !== scratch) await page.close();
});

/** The user's settings before each mishap: every kind of field differs from the defaults. */
const USER = {
  version: 1,
  my_name: 'Sam Rivera',
  premium: true,
  rules: {
    accept_at: 75,
    field_keywords: ['rust', 'wasm*'],
    always_ignore: ['mark-webb-growth'],
    weights: { spam: -70 },
  },
  templates: { thank_you: 'Thanks {first_name}! {my_name}' },
  weekly_budget: 12,
  reminder: { enabled: false, weekday: 1, hour: 8 },
};

async function openOptions() {
  const options = await extensionPage('options.html');
  await options.waitFor('#preview-verdict');
  return options;
}

/** Sets the import file and waits for the message it leads to. */
async function importFile(options, name, content) {
  await options.evaluate(() => {
    document.getElementById('message').textContent = '';
  });
  await options.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(content) });
  await options.waitForFunction(() => document.getElementById('message').textContent !== '');
  return { text: await options.textContent('#message'), problem: (await options.getAttribute('#message', 'class')) === 'problem' };
}

test('every bad import is refused with a message naming the problem; the saved settings stay as they were', async () => {
  await saveSettings(USER);
  const options = await openOptions();
  const before = await loadSettings();
  const rawBefore = await rawSync();
  assert.equal(before.settings.my_name, 'Sam Rivera');

  const exported = (await options.download('#export')).text;
  const valid = JSON.parse(exported);
  const list = (n, text = (i) => `entry ${i}`) => Array.from({ length: n }, (_, i) => text(i));
  const cases = [
    ['a truncated export', exported.slice(0, Math.floor(exported.length / 2)), /not a JSON settings file/],
    ['an empty file', '', /not a JSON settings file/],
    ['a JSON array', '[1, 2, 3]', /JSON but not an Invite Triage settings document/],
    ['a JSON string', '"settings"', /JSON but not an Invite Triage settings document/],
    ['an empty object', '{}', /JSON but not an Invite Triage settings document/],
    ['another JSON document', JSON.stringify({ queue: { cards: {} }, history: [] }), /unknown field `queue`/],
    ['a misspelt field', JSON.stringify({ ...valid, rules: { ...valid.rules, acept_at: 90 } }), /unknown field `acept_at`/],
    ['a newer version', JSON.stringify({ ...valid, version: 99 }), /newer version of Invite Triage \(settings schema 99; this version reads up to 4\)/],
    // A later release may add fields: the version is named, not the unknown field.
    ['a newer version with new fields', JSON.stringify({ ...valid, version: 5, theme: 'dark' }), /settings schema 5;/],
    ['an oversized file', JSON.stringify(valid).replace('{', `{${' '.repeat(300 * 1024)}`), /it is 30\d KB; a settings file is at most 256 KB/],
    [
      'an absurdly long list',
      JSON.stringify({ ...valid, rules: { ...valid.rules, always_ignore: list(2001) } }),
      /rules\.always_ignore: has 2001 entries; at most 2000/,
    ],
    [
      'an absurdly long phrase',
      JSON.stringify({ ...valid, rules: { ...valid.rules, companies: ['x'.repeat(5000)] } }),
      /rules\.companies\.0: is longer than 200 characters/,
    ],
    ['an absurdly long name', JSON.stringify({ ...valid, my_name: 'n'.repeat(100_000) }), /my_name: is longer than 100 characters/],
    [
      // A current document is not migrated: a name on its always-accept list is a mistake.
      'a name in always-accept',
      JSON.stringify({ ...valid, version: 2, rules: { ...valid.rules, always_accept: ['ana-souza-42', 'Ana Ruiz'] } }),
      /rules\.always_accept\.1: "Ana Ruiz" is a name; always-accept takes profile links or slugs \(names can be copied\)/,
    ],
    [
      'too many decline messages',
      JSON.stringify({ ...valid, templates: { ...valid.templates, decline: list(51, (i) => `No thanks ${i}`) } }),
      /templates\.decline: has 51 messages; at most 50/,
    ],
  ];
  for (const [what, content, reason] of cases) {
    const shown = await importFile(options, 'settings.json', content);
    assert.ok(shown.problem, `${what}: shown as a problem`);
    assert.match(shown.text, /That file was not imported, and your saved settings are unchanged/, what);
    assert.match(shown.text, reason, what);
    assert.deepEqual(await loadSettings(), before, `${what}: the saved settings are unchanged`);
    assert.deepEqual(await rawSync(), rawBefore, `${what}: storage.sync is unchanged`);
    assert.equal(await options.inputValue('#f-my_name'), 'Sam Rivera', `${what}: the form still shows them`);
  }

  // The untouched export still imports (the cases above were refused for what they are).
  const shown = await importFile(options, 'settings.json', exported);
  assert.match(shown.text, /Imported and saved/);
  const { outcome } = await options.evaluate(async (s) => (await import('./engine.js')).handle({ op: 'validate', settings: s }), valid);
  assert.deepEqual((await loadSettings()).settings, outcome.settings);
  assert.equal(outcome.settings.my_name, 'Sam Rivera');
});

/** The warning above the trusted names: the names an upgrade moved there, or null when none. */
const movedWarning = async (options) =>
  options.evaluate(() => {
    const box = document.getElementById('moved-names');
    return box && { text: box.querySelector('p').textContent, names: [...box.querySelectorAll('li')].map((li) => li.textContent), inField: Boolean(box.closest('[data-field="rules.trusted_names"]')) };
  });

/** What migrating to schema 3 adds: its settings at their defaults. */
const SCHEMA_3_DEFAULTS = { quiet: false, batch: { pace_ms: [2000, 5000] }, history: { retention_days: 365 } };
/** The settings schema 4 added outside the rules and templates, at their defaults. */
const SCHEMA_4_DEFAULTS = { sent: { withdraw_after_days: 30 } };
/** The weights and phrase lists schema 3 added, at their defaults, as the engine gives them. */
async function schema3Rules(options) {
  const { settings } = await options.evaluate(async () => (await import('./engine.js')).handle({ op: 'defaults' }));
  const { weights, community_phrases, seller_phrases } = settings.rules;
  assert.ok(community_phrases.length > 0 && seller_phrases.length > 0);
  // And the note coach's templates, new in schema 4.
  const { coach_met, coach_talk, coach_group, coach_recruiter } = settings.templates;
  return {
    templates: { coach_met, coach_talk, coach_group, coach_recruiter },
    lists: { community_phrases, seller_phrases },
    weights: { repeat_inviter: -15, note_community: weights.note_community, text_model: weights.text_model, seller: weights.seller },
  };
}

test('a settings document from before versioning (v0) imports with every field carried over', async () => {
  const v0 = JSON.parse(await readFile(path.join(FIXTURES, 'settings-v0.json'), 'utf8'));
  assert.equal(v0.version, undefined);
  const options = await openOptions();
  const added = await schema3Rules(options);
  const shown = await importFile(options, 'old.json', JSON.stringify(v0));
  assert.match(shown.text, /Imported and saved/);
  // Every value kept; the name on the always-accept list moved to trusted names (schema 2).
  const { always_accept, ...rules } = v0.rules;
  assert.deepEqual(always_accept, ['ana-souza-42', 'Nadia Rahman']);
  assert.deepEqual((await loadSettings()).settings, {
    ...v0,
    version: 4,
    templates: { ...v0.templates, ...added.templates },
    rules: { ...rules, ...added.lists, always_accept: ['ana-souza-42'], trusted_names: ['Nadia Rahman'], weights: { ...rules.weights, trusted_name: 15, ...added.weights } },
    ...SCHEMA_3_DEFAULTS,
    ...SCHEMA_4_DEFAULTS,
  });
  assert.equal(await options.inputValue('#f-my_name'), v0.my_name);
  assert.deepEqual((await movedWarning(options))?.names, ['Nadia Rahman']);
});

test('a v2 document imports with every field kept and the schema-3 settings at their defaults', async () => {
  const v2 = JSON.parse(await readFile(path.join(FIXTURES, 'settings-v2.json'), 'utf8'));
  assert.equal(v2.version, 2);
  const options = await openOptions();
  const added = await schema3Rules(options);
  const shown = await importFile(options, 'v2.json', JSON.stringify(v2));
  assert.match(shown.text, /Imported and saved/);
  assert.deepEqual((await loadSettings()).settings, {
    ...v2,
    version: 4,
    templates: { ...v2.templates, ...added.templates },
    rules: { ...v2.rules, ...added.lists, weights: { ...v2.rules.weights, ...added.weights } },
    ...SCHEMA_3_DEFAULTS,
    ...SCHEMA_4_DEFAULTS,
  });
  assert.equal(await movedWarning(options), null, 'nothing moved');
  assert.equal(await options.inputValue('#f-batch-pace_ms-0'), '2000');
  assert.equal(await options.inputValue('#f-batch-pace_ms-1'), '5000');
  assert.equal(await options.inputValue('#f-history-retention_days'), '365');
  assert.equal(await options.evaluate(() => document.getElementById('f-quiet').checked), false);
});

test('a v3 document imports with every field kept and the schema-4 settings at their defaults', async () => {
  const v3 = JSON.parse(await readFile(path.join(FIXTURES, 'settings-v3.json'), 'utf8'));
  assert.equal(v3.version, 3);
  const options = await openOptions();
  const { templates } = await schema3Rules(options);
  const shown = await importFile(options, 'v3.json', JSON.stringify(v3));
  assert.match(shown.text, /Imported and saved/);
  assert.deepEqual((await loadSettings()).settings, { ...v3, version: 4, templates: { ...v3.templates, ...templates }, ...SCHEMA_4_DEFAULTS });
  assert.equal(await options.inputValue('#f-sent-withdraw_after_days'), '30');
});

test('a v1 document with names on its always-accept list imports with the names moved to trusted names, and a warning', async () => {
  const v1 = JSON.parse(await readFile(path.join(FIXTURES, 'settings-v1.json'), 'utf8'));
  assert.equal(v1.version, 1);
  const options = await openOptions();
  const added = await schema3Rules(options);
  assert.equal(await movedWarning(options), null, 'no warning before');
  const shown = await importFile(options, 'v1.json', JSON.stringify(v1));
  assert.match(shown.text, /Imported and saved/);
  assert.ok(!shown.problem);

  const { always_accept, ...rules } = v1.rules;
  const profiles = ['ana-souza-42', 'https://www.linkedin.com/in/priya-raman/', 'kwamemensah'];
  const names = ['Nadia Rahman', 'Grace'];
  assert.deepEqual(always_accept, [...profiles.slice(0, 2), names[0], profiles[2], names[1]]);
  const stored = (await loadSettings()).settings;
  assert.deepEqual(stored, {
    ...v1,
    version: 4,
    templates: { ...v1.templates, ...added.templates },
    rules: { ...rules, ...added.lists, always_accept: profiles, trusted_names: names, weights: { ...rules.weights, trusted_name: 15, ...added.weights } },
    ...SCHEMA_3_DEFAULTS,
    ...SCHEMA_4_DEFAULTS,
  });

  // The form shows the profiles in always-accept, the names in trusted names, and warns about them.
  assert.equal(await options.inputValue('#f-rules-always_accept'), profiles.join('\n'));
  assert.equal(await options.inputValue('#f-rules-trusted_names'), names.join('\n'));
  const warning = await movedWarning(options);
  assert.deepEqual(warning.names, names);
  assert.ok(warning.inField, 'the warning is at the trusted-names field');
  assert.match(warning.text, /were on your always-accept list/);
  assert.match(warning.text, /Anyone can copy a display name/);
  assert.match(warning.text, /add 15 points/);
  assert.match(warning.text, /put their profile link in Always accept/);
  const describedBy = await options.getAttribute('#f-rules-trusted_names', 'aria-describedby');
  assert.ok(describedBy.split(' ').includes('moved-names'), describedBy);
  assert.match(await options.textContent('[data-field="rules.trusted_names"] .help'), /never accepts an invitation on its own/);

  // Once saved as the current schema there is nothing left to warn about.
  await options.reload();
  await options.waitFor('#preview-verdict');
  assert.equal(await movedWarning(options), null);
  assert.equal(await options.inputValue('#f-rules-trusted_names'), names.join('\n'));
});

test('stored v1 settings are migrated on reading: the options page warns, the page is triaged on profiles, and nothing is rewritten', async () => {
  const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
  const card = page.locator('[data-fixture-card]').nth(3);
  const id = await card.getAttribute('data-triage-id');
  const name = await card.getAttribute('data-fixture-name');
  const row = async () => (await readTriage(page)).find((r) => r.id === id);
  const before = await row();
  assert.notEqual(before.bucket, 'accept');

  // The card's display name on a v1 always-accept list: a trusted name now, points only.
  await saveSettings({ ...USER, rules: { ...USER.rules, always_accept: [name] } });
  await page.waitForFunction(
    (i) => {
      const shadow = document.querySelector(`[data-triage-id="${i}"] > [data-triage-ui]`)?.shadowRoot;
      shadow?.querySelector('[data-triage-badge]')?.dispatchEvent(new MouseEvent('mouseenter')); // fills the reasons
      return [...(shadow?.querySelectorAll('[data-triage-reasons] li') ?? [])].some((li) => /trusted list/.test(li.textContent));
    },
    id,
  );
  const named = await row();
  assert.notEqual(named.bucket, 'accept', 'a name never accepts');
  assert.ok(
    named.reasons.some((r) => /^\+15 Name matches your trusted list \(not verified: names can be copied\)$/.test(r)),
    named.reasons.join(' | '),
  );
  assert.ok(!named.reasons.some((r) => /always-accept/.test(r)), named.reasons.join(' | '));

  const raw = await rawSync();
  const options = await openOptions();
  assert.deepEqual((await movedWarning(options))?.names, [name]);
  assert.equal(await options.inputValue('#f-rules-trusted_names'), name);
  assert.equal(await options.inputValue('#f-rules-always_accept'), '');
  assert.ok(await options.isDisabled('#save'));
  assert.deepEqual(await rawSync(), raw, 'opening the options page rewrote nothing');
  assert.equal((await loadSettings()).settings.version, 1);
  await options.close();

  // Its profile link does accept it.
  await saveSettings({ ...USER, rules: { ...USER.rules, always_accept: [`https://www.linkedin.com/in/${id}/`] } });
  await page.waitForFunction((i) => document.querySelector(`[data-triage-id="${i}"]`)?.dataset.triageBucket === 'accept', id);
  assert.ok((await row()).reasons.some((r) => /Profile on your always-accept list/.test(r)));
  await page.close();
});

test('always-accept refuses a name at the field, and nothing is saved', async () => {
  await saveSettings({ ...USER, version: 2, rules: { ...USER.rules, always_accept: ['ana-souza-42'] } });
  const before = await loadSettings();
  const rawBefore = await rawSync();
  const options = await openOptions();
  const area = options.locator('#f-rules-always_accept');
  await area.fill('ana-souza-42\nhttps://www.linkedin.com/in/priya-raman/\nAna Ruiz');
  const error = options.locator('[data-field="rules.always_accept"] > .error');
  await error.waitFor();
  assert.equal(
    await error.textContent(),
    '"Ana Ruiz" is a name; always-accept takes profile links or slugs (names can be copied): put the profile link here, or the name in trusted names',
  );
  assert.equal(await area.getAttribute('aria-invalid'), 'true');
  assert.ok((await area.getAttribute('aria-describedby')).includes('f-rules-always_accept-error'));
  assert.match(await options.textContent('#message'), /.+/);
  assert.ok(await options.isDisabled('#save'), 'invalid settings cannot be saved');
  // Even a forced click saves nothing.
  await options.evaluate(() => {
    const save = document.getElementById('save');
    save.disabled = false;
    save.click();
  });
  await options.waitFor('#message.problem');
  assert.deepEqual(await loadSettings(), before);
  assert.deepEqual(await rawSync(), rawBefore);

  // The name is fine as a trusted name; the profile link as the always-accept entry.
  await area.fill('ana-souza-42\nhttps://www.linkedin.com/in/priya-raman/');
  await options.fill('#f-rules-trusted_names', 'Ana Ruiz');
  await options.waitForFunction(() => !document.getElementById('save').disabled);
  assert.ok(await error.isHidden());
  await options.click('#save');
  await options.waitFor('#message.ok');
  const saved = (await loadSettings()).settings;
  assert.deepEqual(saved.rules.always_accept, ['ana-souza-42', 'https://www.linkedin.com/in/priya-raman/']);
  assert.deepEqual(saved.rules.trusted_names, ['Ana Ruiz']);
  assert.equal(saved.version, 4);
});

test('the text model is weighed like any other signal: its reason names the words, 0 turns it off, and the weight is saved', async () => {
  await saveSettings({ ...USER, version: 2 });
  const options = await openOptions();
  const weight = options.locator('#f-rules-weights-text_model');
  assert.equal(await options.textContent('label[for="f-rules-weights-text_model"]'), 'Reads like a sales pitch or spam (text model; 0 turns it off)');
  assert.equal(await weight.inputValue(), '-25');
  await options.fill('#preview-note', 'We are one of the leading software companies. We offer solutions that help you fully automate your sales cycle.');
  const reason = options.locator('#preview-reasons li', { hasText: 'Reads like a sales pitch or spam: “' });
  await reason.waitFor();
  assert.match(await reason.textContent(), /^-\d+ Reads like a sales pitch or spam: “[^”]+”/);
  await weight.fill('0');
  await reason.waitFor({ state: 'detached' });
  await options.click('#save');
  await options.waitFor('#message.ok');
  assert.equal((await loadSettings()).settings.rules.weights.text_model, 0);
});

/** Writes `USER` and then damages the stored copy in one of several ways. */
const DAMAGE = {
  async 'a missing chunk'() {
    // Long enough for several chunks; then one of them disappears.
    await saveSettings({ ...USER, rules: { ...USER.rules, always_ignore: Array.from({ length: 600 }, (_, i) => `someone-to-ignore-${i}`) } });
    const { settings: meta } = await rawSync();
    assert.ok(meta.chunks >= 2, 'several chunks');
    await (await tool()).evaluate((key) => chrome.storage.sync.remove(key), `${meta.prefix}1`);
    return { reason: 'missing', shown: /Your saved settings are damaged: 1 of their \d+ parts are missing/ };
  },
  async 'garbled JSON'() {
    await saveSettings(USER);
    const { settings: meta } = await rawSync();
    await setSync({ [`${meta.prefix}0`]: '{"version": 1, "my_name": "Sam Rivera", "rules": {"accept_at": 7' });
    return { reason: 'json', shown: /Your saved settings are damaged: their text is not valid JSON/ };
  },
  async 'an unreadable index'() {
    await saveSettings(USER);
    await setSync({ settings: 'chunks=2' });
    return { reason: 'index', shown: /Your saved settings are damaged: their index is unreadable/ };
  },
  async 'a newer version'() {
    await saveSettings({ ...USER, version: 99, theme: 'dark' });
    return { reason: 'newer', shown: /written by a newer version of Invite Triage \(settings schema 99; this version reads up to 4\)/ };
  },
};

test('with damaged or newer stored settings, the pages say so, triage runs on the defaults, and nothing is overwritten', async () => {
  const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
  const scores = async () => (await readTriage(page)).map(({ id, bucket, score }) => ({ id, bucket, score }));
  const withDefaults = await scores();
  await saveSettings(USER);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.triageStatus === 'ready');
  assert.notDeepEqual(await scores(), withDefaults, 'the user’s settings change the triage (so the comparison below means something)');

  for (const [what, damage] of Object.entries(DAMAGE)) {
    await clearSync();
    const { reason, shown } = await damage();
    const raw = await rawSync();
    assert.equal((await loadSettings()).reason, reason, what);

    // The page is triaged on the defaults.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.triageStatus === 'ready');
    assert.deepEqual(await scores(), withDefaults, `${what}: triage on the defaults`);

    // The popup says what is wrong.
    const popup = await extensionPage('popup.html');
    await popup.waitFor('#store-problem');
    assert.match(await popup.textContent('#store-problem'), shown, `${what}: popup`);
    assert.match(await popup.textContent('#store-problem'), /default rules/, `${what}: popup`);
    assert.ok(await popup.isVisible('.counts'), `${what}: the popup still shows the queue`);
    await popup.close();

    // The options page says what is wrong, shows the defaults read-only, and cannot save.
    const options = await openOptions();
    assert.ok(await options.isVisible('#store-problem'), `${what}: options message`);
    assert.match(await options.textContent('#store-problem'), shown, `${what}: options`);
    assert.match(await options.textContent('#store-problem'), /left exactly as they are/, `${what}: options`);
    assert.equal(await options.inputValue('#f-my_name'), '', `${what}: defaults shown`);
    assert.ok(await options.isDisabled('#f-my_name'), `${what}: read-only`);
    assert.ok(await options.isDisabled('#save'), `${what}: save disabled`);
    await options.evaluate(() => {
      const save = document.getElementById('save');
      save.disabled = false;
      save.click();
    });
    await new Promise((resolve) => setTimeout(resolve, 200)); // no write to wait for: its absence is the point

    // Export keeps a copy of what is stored, as stored.
    const download = await options.download('#export');
    assert.match(download.name, /unreadable/);
    const copy = download.text;
    if (reason === 'newer') assert.equal(JSON.parse(copy).version, 99);
    else assert.ok(copy.length > 0);
    await options.close();

    assert.deepEqual(await rawSync(), raw, `${what}: the stored data was not overwritten`);
  }

  // Only an explicit import or reset replaces it. Here: import a good document.
  const options = await openOptions();
  const shown = await importFile(options, 'backup.json', JSON.stringify(USER));
  assert.match(shown.text, /Imported and saved/);
  assert.ok(await options.isHidden('#store-problem'));
  assert.ok(await options.isEnabled('#f-my_name'));
  assert.equal(await options.inputValue('#f-my_name'), 'Sam Rivera');
  assert.equal((await loadSettings()).settings.my_name, 'Sam Rivera');

  // And reset, from another damaged store.
  await clearSync();
  await DAMAGE['garbled JSON']();
  await options.reload();
  await options.waitFor('#preview-verdict');
  assert.ok(await options.isVisible('#store-problem'));
  options.acceptNextDialog();
  await options.click('#reset');
  await options.waitFor('#message.ok');
  assert.ok(await options.isHidden('#store-problem'));
  const defaults = await options.evaluate(async () => (await (await import('./engine.js')).handle({ op: 'defaults' })).settings);
  assert.deepEqual((await loadSettings()).settings, defaults);
});

test('stored settings the engine refuses (edited by hand) leave the page triaged on the defaults', async () => {
  const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
  const scores = async () => (await readTriage(page)).map(({ id, bucket, score }) => ({ id, bucket, score }));
  const withDefaults = await scores();
  await saveSettings({ ...USER, rules: { ...USER.rules, accept_at: 500 } }); // storage.js stores it as is
  await page.reload();
  assert.equal(await waitForStatus(page), 'ready', 'not blocked');
  assert.deepEqual(await scores(), withDefaults);
  const popup = await extensionPage('popup.html');
  await popup.waitFor('#store-problem');
  assert.match(await popup.textContent('#store-problem'), /accept_at/);
  await popup.close();
  await page.close();
});

test('a save over the sync quota is refused with a clear message and the previous settings stay whole', async () => {
  await saveSettings(USER);
  const before = await loadSettings();
  const rawBefore = await rawSync();
  const options = await openOptions();

  // 2,000 names of 60 characters pass validation but are more than storage.sync holds.
  const names = Array.from({ length: 2000 }, (_, i) => `someone-${String(i).padStart(4, '0')}-`.padEnd(60, 'x'));
  // (Typed as one input event: Playwright's fill is slow with thousands of lines.)
  await options.evaluate((text) => {
    const area = document.getElementById('f-rules-always_ignore');
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, names.join('\n'));
  await options.waitForFunction(() => !document.getElementById('save').disabled);
  await options.click('#save');
  await options.waitFor('#message.problem');
  assert.match(await options.textContent('#message'), /larger than browser sync allows.*Nothing was lost/);
  assert.deepEqual(await loadSettings(), before);
  assert.deepEqual(await rawSync(), rawBefore, 'no half-written parts left behind');

  // The quota is shared: other data fills it, and a small change cannot be saved either.
  await options.fill('#f-rules-always_ignore', 'mark-webb-growth');
  await options.fill('#f-my_name', 'Sam R.');
  const room = 102_400 - (await (await tool()).evaluate(() => chrome.storage.sync.getBytesInUse(null)));
  const filler = {};
  for (let i = 0, left = room - 2000; left > 100; i++, left -= 7000) filler[`other.${i}`] = 'f'.repeat(Math.min(6900, left - 50));
  await setSync(filler);
  const rawFull = await rawSync();
  await options.click('#save');
  await options.waitFor('#message.problem');
  assert.match(await options.textContent('#message'), /larger than browser sync allows/);
  assert.deepEqual(await loadSettings(), before);
  assert.deepEqual(await rawSync(), rawFull);

  // With room again, the same save goes through.
  await (await tool()).evaluate((keys) => chrome.storage.sync.remove(keys), Object.keys(filler));
  await options.click('#save');
  await options.waitFor('#message.ok');
  assert.equal((await loadSettings()).settings.my_name, 'Sam R.');
});

test('a failing or rate-limited storage write is reported and the previous settings stay whole', async () => {
  await saveSettings(USER);
  const before = await loadSettings();
  const rawBefore = await rawSync();
  const options = await openOptions();
  // Stand-ins for the browser's refusals: the write-rate limit, storage gone, and a failure
  // after the new parts were written but before the switch to them.
  const failures = [
    ['rate', 'all', 'This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.', /only so many saves a minute.*previous settings are unchanged/],
    ['unavailable', 'all', 'IO error: storage is unavailable', /browser refused to store your settings \(IO error: storage is unavailable\).*previous settings are unchanged/],
    ['half-way', 'pointer', 'IO error: disk full', /disk full/],
  ];
  let n = 0;
  for (const [what, which, error, shown] of failures) {
    await options.evaluate(
      ([which, error]) => {
        // The API object storage.js writes through (Firefox has `browser` beside `chrome`).
        const sync = (globalThis.browser ?? globalThis.chrome).storage.sync;
        const real = sync.set.bind(sync);
        sync.set = (items) => (which === 'all' || 'settings' in items ? Promise.reject(new Error(error)) : real(items));
      },
      [which, error],
    );
    await options.fill('#f-my_name', `Sam ${++n}`);
    await options.waitForFunction(() => !document.getElementById('save').disabled);
    await options.click('#save');
    await options.waitFor('#message.problem');
    assert.match(await options.textContent('#message'), shown, what);
    assert.deepEqual(await loadSettings(), before, what);
    assert.deepEqual(await rawSync(), rawBefore, `${what}: nothing half-written left behind`);
    await options.reload();
    await options.waitFor('#preview-verdict');
  }
});

test('settings with emoji and several chunks are stored and read back whole', async () => {
  const many = Array.from({ length: 900 }, (_, i) => `${'😀'.repeat(i % 7)}name ${i} 👩‍💻`);
  const settings = { ...USER, my_name: 'Sam 🦀 Rivera', rules: { ...USER.rules, always_accept: many } };
  await saveSettings(settings);
  const { settings: meta } = await rawSync();
  assert.ok(meta.chunks >= 3, `${meta.chunks} chunks`);
  assert.deepEqual((await loadSettings()).settings, settings);
  // Saving again switches to the other set of chunks and removes the old ones.
  await saveSettings(USER);
  assert.deepEqual((await loadSettings()).settings, USER);
  const keys = Object.keys(await rawSync()).sort();
  const { settings: meta2 } = await rawSync();
  assert.deepEqual(keys, ['settings', ...Array.from({ length: meta2.chunks }, (_, i) => `${meta2.prefix}${i}`)].sort());
});

test('a failing storage.local write when recording an action is reported, not lost silently', async () => {
  const page = await tool();
  const QUOTA = 10 * 1024 * 1024;
  await page.evaluate(async () => {
    await chrome.storage.local.remove(['memory', 'history']);
    await (await import('./storage.js')).recordAction({ id: 'ana-souza', action: 'note', note: 'met at RustConf' });
  });
  const memoryBefore = await page.evaluate(async () => (await import('./storage.js')).loadMemory());
  /** Firefox: storage.local refuses writes (a stand-in for a full one), in `g`'s realm. */
  const refuseLocal = (g) => {
    const local = (g.browser ?? g.chrome).storage.local;
    g.__realLocalSet ??= local.set;
    local.set = () => Promise.reject(new Error('QuotaExceededError: storage.local is full (test)'));
  };
  const restoreLocal = (g) => {
    if (g.__realLocalSet) (g.browser ?? g.chrome).storage.local.set = g.__realLocalSet;
    delete g.__realLocalSet;
  };
  if (kind === 'chromium') {
    // Fill storage.local up to a few bytes below its quota.
    await page.evaluate(async (quota) => {
      const used = await chrome.storage.local.getBytesInUse(null);
      await chrome.storage.local.set({ filler: 'f'.repeat(quota - used - 'filler'.length - 2 - 8) });
    }, QUOTA);
  } else {
    // Firefox's storage.local has no quota of its own (only the disk's: 10 MB of filler are
    // stored and the next write too), so a full one cannot be made: a stand-in refuses its
    // writes, in this page and in the background page.
    await page.evaluate(`(${refuseLocal})(globalThis)`);
    await browser.background(refuseLocal);
  }
  try {
    const warnings = [];
    if (kind === 'chromium') {
      page.pw.on('console', (m) => {
        if (m.type() === 'warning') warnings.push(m.text());
      });
    } else {
      // WebDriver BiDi reports no console entries of moz-extension:// pages: read console.warn.
      await page.evaluate(() => {
        const warn = console.warn;
        window.__warnings = [];
        console.warn = (...args) => {
          window.__warnings.push(args.map(String).join(' '));
          warn.apply(console, args);
        };
      });
    }
    const direct = await page.evaluate(async () => {
      try {
        await (await import('./storage.js')).recordAction({ id: 'mark-webb', action: 'decline' });
        return null;
      } catch (e) {
        return e.message;
      }
    });
    assert.match(direct ?? 'no error', /could not record "decline"/);
    if (kind === 'chromium') await page.pw.waitForTimeout(100); // the console event follows the call
    else warnings.push(...(await page.evaluate(() => window.__warnings)));
    assert.ok(warnings.some((w) => /"decline" on mark-webb was not recorded/.test(w)), warnings.join('\n'));

    // Through the worker, as the LinkedIn page sends it: an error response.
    const reply = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'action', id: 'mark-webb', action: 'decline' }));
    assert.match(reply?.error ?? 'no error', /could not record "decline"/);
    assert.deepEqual(await page.evaluate(async () => (await import('./storage.js')).loadMemory()), memoryBefore);
  } finally {
    if (kind === 'firefox') {
      await page.evaluate(`(${restoreLocal})(globalThis)`);
      await browser.background(restoreLocal);
    }
    await page.evaluate(() => chrome.storage.local.remove(['filler', 'memory', 'history']));
  }
});
});
}
