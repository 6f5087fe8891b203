// A history you own: the decisions log's retention, its table on the options page (hostile text
// shown as text), its exports, "Delete everything", and the schema-3 settings on the options
// page, in real browsers (browsers.mjs) with the extension loaded. Every check reads storage back.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { BROWSERS, launchBrowser } from './browsers.mjs';
import { saveSettingsFrom } from './harness.mjs';

const DAY = 24 * 60 * 60 * 1000;

for (const kind of BROWSERS) {
describe(kind, () => {
let browser;
before(async () => {
  browser = await launchBrowser(kind);
});
after(() => browser?.close());

/** A page to run storage calls from (an extension page: storage.js is a module there). */
let scratch;
const tool = async () => {
  if (!scratch || scratch.isClosed()) scratch = await browser.openExtensionPage('popup.html');
  return scratch;
};
const local = () => browser.background((g) => g.chrome.storage.local.get(null));
const sync = () => browser.background((g) => g.chrome.storage.sync.get(null));
const setLocal = (items) => browser.background((g, i) => g.chrome.storage.local.set(i), items);
const history = async () => (await local()).history ?? [];
/** Waits in the background until the log's ids are `ids`, in order; returns the log. */
const historyBecomes = (ids, timeout) =>
  browser.waitInBackground(
    async (g, want) => {
      const { history = [] } = await g.chrome.storage.local.get('history');
      return JSON.stringify(history.map((e) => e.id)) === JSON.stringify(want) && history;
    },
    ids,
    { timeout },
  );
/**
 * Resolves once the worker's one writer has run what it was asked before (the prune the
 * install starts, say): an empty `resolved` message goes through the same chain.
 */
const settled = async () => (await tool()).evaluate(() => chrome.runtime.sendMessage({ type: 'resolved', resolved: [] }));
const loadSettings = async () => (await tool()).evaluate(async () => (await import('./storage.js')).loadSettings());

afterEach(async () => {
  await browser.background(async (g) => {
    await g.chrome.storage.local.clear();
    await g.chrome.storage.sync.clear();
  });
  for (const page of browser.pages()) if (page !== scratch) await page.close();
});

async function openOptions() {
  const options = await browser.openExtensionPage('options.html');
  await options.waitFor('#preview-verdict');
  await options.waitFor('#log-rows tr', { state: 'attached' });
  return options;
}

const entry = (id, daysAgo, rest = {}) => ({ id, action: 'accept', outcome: 'done', via: 'extension', at: Date.now() - daysAgo * DAY, ...rest });

test('retention deletes entries older than history.retention_days: on the next write, on a settings change, and when it is shortened', async () => {
  // The next write prunes, whatever it records (here an action from LinkedIn's page, through
  // the worker), with the default retention (365 days) while no settings were ever saved.
  await settled();
  await setLocal({ history: [entry('old', 400), entry('recent', 10)] });
  assert.deepEqual((await history()).map((e) => e.id), ['old', 'recent'], 'seeded (a plain write prunes nothing)');
  const reply = await (await tool()).evaluate(() => chrome.runtime.sendMessage({ type: 'action', id: 'ana', action: 'later' }));
  assert.deepEqual(reply, { ok: true });
  assert.deepEqual((await history()).map((e) => e.id), ['recent', 'ana']);

  // A settings change (here: the first save) prunes.
  await setLocal({ history: [entry('old', 400), entry('recent', 10)] });
  await saveSettingsFrom(await tool(), { version: 3, history: { retention_days: 365 } });
  const kept = await historyBecomes(['recent']);
  assert.equal(kept[0].action, 'accept');

  // Shortened on the options page: what is now too old goes (40 days at 30), the rest stays.
  await setLocal({ history: [entry('old', 400), entry('month', 40), entry('recent', 10)] });
  const options = await openOptions();
  assert.equal(await options.inputValue('#f-history-retention_days'), '365');
  await options.fill('#f-history-retention_days', '30');
  await options.waitForFunction(() => !document.getElementById('save').disabled);
  await options.click('#save');
  await options.waitFor('#message.ok');
  assert.equal((await loadSettings()).history.retention_days, 30);
  await historyBecomes(['recent']);
  // And the log on the page follows.
  await options.waitForFunction(() => [...document.querySelectorAll('#log-rows tr[data-log-id]')].map((r) => r.dataset.logId).join() === 'recent');

  // A browser left open for days prunes once a day too.
  const alarm = await browser.background((g) => g.chrome.alarms.get('history-retention'));
  assert.equal(alarm?.periodInMinutes, 24 * 60);
});

/** Entries whose text came from a hostile page, oldest first. */
const HOSTILE = [
  entry('legacy-id', 5),
  entry('ana', 3, {
    name: '<img src=x onerror="window.__pwned = 1">Ana',
    profile: 'https://www.linkedin.com/in/ana-souza/',
    bucket: 'accept',
    score: 82,
    reasons: ['<b>Worked together</b>', '12 mutual connections'],
  }),
  entry('mark', 2, {
    action: 'decline',
    outcome: 'not-taken',
    via: 'linkedin',
    name: 'Mark <script>window.__pwned = 2</script>',
    profile: 'javascript:window.__pwned = 3',
    bucket: 'ignore',
    score: 4,
    reasons: ['=HYPERLINK("https://evil.example","click")'],
  }),
  entry('eve', 1, { action: 'later', name: 'Eve, "the" admin', profile: 'https://evil.example/in/eve', bucket: '<i>x</i>', score: null, reasons: [] }),
];
// The legacy entry predates outcomes and where it was taken: as the old recordAction wrote it.
delete HOSTILE[0].outcome;
delete HOSTILE[0].via;

/** The log's table as shown: per row its id, cells' text, links and child elements. */
const readLog = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('#log-rows tr[data-log-id]')].map((tr) => ({
      id: tr.dataset.logId,
      cells: [...tr.cells].map((td) => td.textContent),
      links: [...tr.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), rel: a.rel, text: a.textContent })),
      tags: [...new Set([...tr.querySelectorAll('*')].map((e) => e.localName))].sort(),
      datetime: tr.querySelector('time')?.getAttribute('datetime'),
    })),
  );

test('the decisions log shows every entry as text, newest first, with only LinkedIn profile links as links, live', async () => {
  await setLocal({ history: HOSTILE });
  const options = await openOptions();
  await options.waitFor('#log-rows tr[data-log-id]');
  const rows = await readLog(options);
  assert.deepEqual(rows.map((r) => r.id), ['eve', 'mark', 'ana', 'legacy-id'], 'newest first');
  const [eve, mark, ana, legacy] = rows;
  // date, who, bucket, score, reasons, action, outcome, where
  assert.deepEqual(ana.cells.slice(1), [HOSTILE[1].name, 'Accept', '82', '<b>Worked together</b>12 mutual connections', 'Accept', 'Done', 'here']);
  assert.deepEqual(ana.links, [{ href: 'https://www.linkedin.com/in/ana-souza/', rel: 'noreferrer', text: HOSTILE[1].name }]);
  assert.deepEqual(mark.cells.slice(1), [HOSTILE[2].name, 'Ignore', '4', HOSTILE[2].reasons[0], 'Decline politely', 'Not taken by LinkedIn', 'on LinkedIn']);
  assert.deepEqual(mark.links, [], 'a javascript: profile is no link');
  assert.deepEqual(eve.cells.slice(1), ['Eve, "the" admin', '<i>x</i>', '', '', 'Later', 'Done', 'here']);
  assert.deepEqual(eve.links, [], 'a profile elsewhere than www.linkedin.com/in/ is no link');
  assert.deepEqual(legacy.cells.slice(1), ['legacy-id', '', '', '', 'Accept', 'Done', 'here'], 'an entry from before the log names its id');
  for (const row of rows) {
    assert.deepEqual(row.tags.filter((t) => !['a', 'li', 'span', 'td', 'time', 'ul'].includes(t)), [], `${row.id}: only our own elements`);
  }
  assert.equal(ana.datetime, new Date(HOSTILE[1].at).toISOString());
  assert.equal(await options.evaluate(() => window.__pwned ?? null), null, 'nothing ran');
  assert.match(await options.textContent('#log-count'), /^4 entries/);

  // A new action shows at the top as it is recorded.
  await options.evaluate(async () =>
    (await import('./storage.js')).recordAction({
      id: 'nadia',
      action: 'accept',
      outcome: 'accepted',
      via: 'linkedin',
      card: { name: 'Nadia Rahman', profile: 'https://www.linkedin.com/in/nadia-rahman/', bucket: 'review', score: 55, reasons: ['Asked about your post'] },
    }),
  );
  await options.waitForFunction(() => document.querySelector('#log-rows tr[data-log-id]')?.dataset.logId === 'nadia');
  const [nadia] = await readLog(options);
  assert.deepEqual(nadia.cells.slice(1), ['Nadia Rahman', 'Review', '55', 'Asked about your post', 'Accept', 'Accepted', 'on LinkedIn']);
  assert.equal((await local()).memory.decisions.nadia, 'accept', 'accepted on LinkedIn: a decision');
});

test('the exports hold every entry: JSON as stored, CSV quoted and defused', async () => {
  await setLocal({ history: HOSTILE });
  const options = await openOptions();
  const stored = await history();
  const json = await options.download('#log-export-json');
  assert.match(json.name, /^invite-triage-decisions-\d{4}-\d\d-\d\d\.json$/);
  const file = JSON.parse(json.text);
  assert.equal(file.format, 'invite-triage-decisions');
  assert.deepEqual(file.entries, stored);
  assert.equal(file.entries.length, HOSTILE.length);

  const csv = await options.download('#log-export-csv');
  assert.match(csv.name, /^invite-triage-decisions-\d{4}-\d\d-\d\d\.csv$/);
  const lines = csv.text.split('\r\n');
  assert.equal(lines[0], 'date,id,name,profile,bucket,score,reasons,action,outcome,via');
  assert.equal(lines.length, HOSTILE.length + 2, 'a header, one line per entry, a final CRLF');
  assert.equal(lines.at(-1), '');
  const line = (id) => lines.find((l) => l.split(',')[1] === id);
  assert.equal(
    line('mark'),
    `${new Date(HOSTILE[2].at).toISOString()},mark,Mark <script>window.__pwned = 2</script>,javascript:window.__pwned = 3,ignore,4,"'=HYPERLINK(""https://evil.example"",""click"")",decline,not-taken,linkedin`,
  );
  assert.equal(line('eve'), `${new Date(HOSTILE[3].at).toISOString()},eve,"Eve, ""the"" admin",https://evil.example/in/eve,<i>x</i>,,,later,done,extension`);
  assert.equal(line('legacy-id'), `${new Date(HOSTILE[0].at).toISOString()},legacy-id,,,,,,accept,done,extension`);
});

test('"Delete everything" asks in the page first, then deletes all the extension stored, and the page shows the defaults', async () => {
  const settings = { version: 3, my_name: 'Sam Rivera', rules: { always_ignore: Array.from({ length: 600 }, (_, i) => `someone-to-ignore-${i}`) }, history: { retention_days: 90 } };
  await saveSettingsFrom(await tool(), settings);
  assert.ok((await sync()).settings.chunks >= 2, 'settings in several parts');
  await setLocal({
    history: HOSTILE.slice(1),
    memory: { notes: { ana: 'met at RustConf' }, decisions: { ana: 'accept', mark: 'decline' } },
    queue: { cards: { ana: { name: 'Ana', bucket: 'accept', score: 82, reasons: [], days: 1, seen: 0 }, bo: { name: 'Bo', bucket: 'review', score: 50, reasons: [], days: 1, seen: 0 } }, status: 'ready' },
  });
  const before = { local: await local(), sync: await sync() };
  const options = await openOptions();
  const dialogs = options.recordDialogs();
  assert.equal(await options.inputValue('#f-my_name'), 'Sam Rivera');
  assert.ok(await options.isHidden('#forget-confirm'));

  // The first click only asks; Cancel leaves everything as it was.
  await options.click('#forget-start');
  await options.waitFor('#forget-confirm');
  assert.ok(await options.isHidden('#forget-start'));
  assert.match(await options.textContent('#forget-question'), /Really delete all data\?/);
  assert.equal(await options.evaluate(() => document.activeElement?.id), 'forget-cancel', 'the safe choice has the focus');
  await options.click('#forget-cancel');
  await options.waitFor('#forget-start');
  assert.ok(await options.isHidden('#forget-confirm'));
  assert.deepEqual({ local: await local(), sync: await sync() }, before, 'cancelled: nothing deleted');

  await options.click('#forget-start');
  await options.click('#forget-yes');
  await options.waitFor('#forget-status.ok');
  assert.deepEqual(await local(), {}, 'storage.local is empty');
  assert.deepEqual(await sync(), {}, 'storage.sync is empty');
  assert.equal(
    await options.textContent('#forget-status'),
    'Deleted everything: the decisions log (3 entries), notes (1), decisions (2), invitations seen (2) and your saved settings. The page shows the defaults.',
  );
  assert.deepEqual(dialogs, [], 'no browser dialog');
  // The page shows the defaults, and the empty log.
  assert.equal(await options.inputValue('#f-my_name'), '');
  assert.equal(await options.inputValue('#f-history-retention_days'), '365');
  await options.waitForFunction(() => document.querySelectorAll('#log-rows tr[data-log-id]').length === 0);
  assert.match(await options.textContent('#log-rows'), /Nothing logged yet/);
  assert.equal(await loadSettings(), null);
  assert.ok(await options.isVisible('#forget-start'));

  // Deleting again, with nothing stored, says so.
  await options.click('#forget-start');
  await options.click('#forget-yes');
  await options.waitForFunction(() => /decisions log \(0 entries\)/.test(document.getElementById('forget-status').textContent));
  assert.match(await options.textContent('#forget-status'), /no saved settings \(there were none\)/);
});

// axe runs through its Playwright binding, in Chromium: the log filled, and the confirmation open.
for (const scheme of kind === 'chromium' ? ['light', 'dark'] : []) {
  test(`the decisions log and its confirmation have no serious accessibility issue (${scheme})`, async () => {
    await setLocal({ history: HOSTILE });
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(browser.extensionUrl('options.html'));
    await page.locator('#log-rows tr[data-log-id]').first().waitFor();
    await page.locator('#preview-verdict').waitFor();
    await page.locator('#forget-start').click();
    await page.locator('#forget-confirm').waitFor();
    const { violations } = await new AxeBuilder({ page }).include('#log').analyze();
    const serious = violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    assert.deepEqual(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
    );
    // The confirmation is a keyboard's too: Escape backs out of it, the focus back on its button.
    await page.keyboard.press('Escape');
    await page.locator('#forget-start').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'forget-start');
    await page.close();
  });
}

test('quiet mode, the batch pace and the retention are edited on the options page, each checked at its field', async () => {
  const options = await openOptions();
  const error = (path) => options.textContent(`[data-field="${path}"] > .error`);
  const invalidAt = async (path, text) => {
    await options.waitForFunction((p) => !document.querySelector(`[data-field="${p}"] > .error`).hidden, path);
    assert.equal(await error(path), text);
    assert.ok(await options.isDisabled('#save'), `${path}: cannot save`);
  };
  assert.equal(await options.inputValue('#f-batch-pace_ms-0'), '2000');
  assert.equal(await options.inputValue('#f-batch-pace_ms-1'), '5000');
  await options.fill('#f-batch-pace_ms-0', '200');
  await invalidAt('batch.pace_ms.0', 'must be at least 300 ms');
  assert.equal(await options.getAttribute('#f-batch-pace_ms-0', 'aria-invalid'), 'true');
  await options.fill('#f-batch-pace_ms-0', '6000');
  await invalidAt('batch.pace_ms.0', 'must not be longer than the longest pause (5000 ms)');
  await options.fill('#f-batch-pace_ms-0', '500');
  await options.fill('#f-batch-pace_ms-1', '60001');
  await invalidAt('batch.pace_ms.1', 'must be at most 60000 ms');
  await options.fill('#f-batch-pace_ms-1', '900');
  await options.fill('#f-history-retention_days', '0');
  await invalidAt('history.retention_days', 'must be 1 to 3650 days');
  await options.fill('#f-history-retention_days', '30');
  await options.click('#f-quiet');
  await options.waitForFunction(() => !document.getElementById('save').disabled);
  await options.click('#save');
  await options.waitFor('#message.ok');
  const saved = await loadSettings();
  assert.deepEqual([saved.version, saved.quiet, saved.batch, saved.history], [4, true, { pace_ms: [500, 900] }, { retention_days: 30 }]);
  assert.match(await options.textContent('label[for="f-quiet"]'), /Quiet mode: nothing is added to LinkedIn's page/);
  assert.ok((await options.getAttribute('#f-quiet', 'aria-describedby')).split(' ').includes('f-quiet-help'));
});
});
}
