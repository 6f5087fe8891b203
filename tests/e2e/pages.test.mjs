// The popup, the options page and the background (Chromium's service worker, Firefox's
// background page), in real Chromium and Firefox (browsers.mjs) with the extension loaded and a
// fixture invitations page open.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { BROWSERS, launchBrowser } from './browsers.mjs';
import { readTriage, saveSettingsFrom, waitForStatus } from './harness.mjs';

const savedSettings = (page) =>
  page.evaluate(async () => (await import('./storage.js')).loadSettings());
const saveSettings = saveSettingsFrom;

for (const kind of BROWSERS) {
  describe(kind, () => {
    let browser;
    before(async () => {
      browser = await launchBrowser(kind);
    });
    after(() => browser?.close());

    const extensionPage = (file) => browser.openExtensionPage(file);
    /** Forgets the queue the pages left (the next tests show other cards). */
    const forgetQueue = () => browser.background((g) => g.chrome.storage.local.remove('queue'));

    test('the popup shows the counts and the best invitations of the page', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const rows = await readTriage(page);
      const popup = await extensionPage('popup.html');
      await popup.locator('.counts').waitFor();
      for (const bucket of ['accept', 'review', 'ignore']) {
        const shown = Number(await popup.locator(`.count.${bucket} strong`).textContent());
        assert.equal(shown, rows.filter((r) => r.bucket === bucket).length, `${bucket} count`);
        // The bucket's word, from the message key the engine's summary names.
        const word = { accept: 'Accept', review: 'Review', ignore: 'Ignore' }[bucket];
        assert.equal(await popup.locator(`.count.${bucket}`).textContent(), `${shown} ${word}`);
      }
      const expected = rows
        .filter((r) => r.bucket !== 'ignore')
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, 5)
        .map((r) => r.id);
      const listed = await popup.locator('.list.top .entry').evaluateAll((els) => els.map((e) => e.dataset.id));
      assert.deepEqual(listed, expected);
      const chip = await popup.locator('.list.top .entry .chip').first().textContent();
      const best = rows.find((r) => r.id === expected[0]);
      assert.equal(chip, `${{ accept: 'Accept', review: 'Review' }[best.bucket]} ${best.score}`);
      assert.match(await popup.locator('.week').textContent(), /This week: 0 of 30 accepts/);
      await popup.close();
      await page.close();
    });

    test('a page in a language we do not read is said, on the page and in the popup', async () => {
      const page = await browser.openInvitations('layout-unsupported.html', { status: 'unrecognized' });
      const html = await page.evaluate(() => ({ ...document.documentElement.dataset }));
      assert.equal(html.triageLang, 'pl');
      assert.equal(html.triageUnreadable, '4');
      assert.equal(html.triageCount, '0');
      const popup = await extensionPage('popup.html');
      const said = await popup.locator('#unreadable').textContent();
      assert.match(said, /LinkedIn in Polish is not supported yet: 4 invitation\(s\) not read/);
      await popup.close();
      await page.close();
      await forgetQueue();
    });

    test('invitations we could not read beside ones we could are counted, not skipped', async () => {
      const page = await browser.openInvitations('layout-mixed.html', { status: 'ready' });
      const html = await page.evaluate(() => ({ ...document.documentElement.dataset }));
      assert.equal(html.triageUnreadable, '4');
      assert.equal(html.triageCount, '3');
      assert.equal(html.triageLang, 'en');
      const popup = await extensionPage('popup.html');
      assert.match(await popup.locator('#unreadable').textContent(), /^4 invitation\(s\) on this page could not be read/);
      await popup.close();
      await page.close();
      await forgetQueue();
    });

    test('an open popup follows the page as more invitations are read', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const popup = await extensionPage('popup.html');
      const total = () =>
        popup.locator('.count strong').evaluateAll((els) => els.reduce((sum, el) => sum + Number(el.textContent), 0));
      await popup.locator('.counts').waitFor();
      const before = await total();
      await page.evaluate(() => window.__fixture.appendCards(3));
      await popup.waitForFunction(
        (n) => [...document.querySelectorAll('.count strong')].reduce((sum, el) => sum + Number(el.textContent), 0) === n,
        before + 3,
      );
      assert.equal(await total(), before + 3);
      await popup.close();
      await page.close();
      // The queue keeps every card seen: forget these extra ones, which the next tests do not show.
      await forgetQueue();
    });

    test('the queue keeps the 1,000 most recently seen invitations', async () => {
      await browser.background(async (g) => {
        const cards = {};
        for (let i = 0; i < 1000; i++) cards[`old-${i}`] = { name: `Old ${i}`, bucket: 'review', score: 50, reasons: [], days: 1, seen: i };
        await g.chrome.storage.local.set({ queue: { cards } });
      });
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const onPage = (await readTriage(page)).map((r) => r.id);
      const ids = await browser
        .waitInBackground((g) => g.chrome.storage.local.get('queue').then(({ queue }) => !queue.cards['old-0'] && Object.keys(queue.cards)), undefined, {
          timeout: 2000,
        })
        .catch(() => null);
      assert.ok(ids, 'the oldest cards were dropped');
      assert.equal(ids.length, 1000);
      for (const id of onPage) assert.ok(ids.includes(id), `${id} is kept`);
      assert.ok(ids.includes('old-999') && !ids.includes(`old-${onPage.length - 1}`), 'the least recently seen go first');
      await page.close();
      await forgetQueue();
    });

    test('the toolbar count follows the page and the user’s decisions', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      // Undecided Accept + Review invitations on the page: what the badge must count.
      const waitingOnPage = () =>
        page.evaluate(
          () => document.querySelectorAll('[data-triage-bucket="accept"], [data-triage-bucket="review"]').length,
        );
      const badge = () => browser.background((g) => g.chrome.action.getBadgeText({}));
      const tick = () => new Promise((resolve) => setTimeout(resolve, 50)); // polling the toolbar count
      // The worker sets the count just after answering the page: give it a moment.
      const expected = String(await waitingOnPage());
      for (let i = 0; i < 40 && (await badge()) !== expected; i++) await tick();
      const before = await badge();
      assert.equal(before, expected);
      const card = page.locator('[data-triage-bucket="accept"], [data-triage-bucket="review"]').first();
      await card.locator('[data-triage-action="accept"]').click();
      await page.waitForFunction(() => (window.__fixtureClicks ?? []).length === 1);
      await assert.doesNotReject(async () => {
        for (let i = 0; i < 50 && (await badge()) === before; i++) await tick();
      });
      assert.equal(Number(await badge()), Number(before) - 1);
      await page.close();
    });

    test('editing a rule changes the preview, and saving re-scores the open page', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      const accepted = (await readTriage(page)).filter((r) => r.bucket === 'accept');
      assert.ok(accepted.length > 0);
      const options = await extensionPage('options.html');
      const verdict = options.locator('#preview-verdict');
      await verdict.waitFor();
      assert.equal(await verdict.getAttribute('data-bucket'), 'accept');
      const threshold = options.locator('#f-rules-accept_at');
      await threshold.fill('101');
      await options.locator('#message.problem').waitFor();
      assert.match(await options.locator('[data-field="rules.accept_at"] .error').textContent(), /between 0 and 100/);
      assert.ok(await options.locator('#save').isDisabled(), 'invalid input cannot be saved');
      await threshold.fill('99');
      await options.locator('#f-rules-base').fill('0');
      await options.waitForFunction(() => document.querySelector('#preview-verdict')?.dataset.bucket === 'review');
      await options.locator('#save').click();
      await options.locator('#message.ok').waitFor();
      const saved = await savedSettings(options);
      assert.deepEqual([saved.rules.accept_at, saved.rules.base], [99, 0]);
      await page.waitForFunction(() => !document.querySelector('[data-triage-bucket="accept"]'));
      assert.equal((await readTriage(page)).filter((r) => r.bucket === 'accept').length, 0);
      await saveSettings(options, null);
      await options.close();
      await page.close();
    });

    test('the options preview reads its sample as the page reads a card', async () => {
      const options = await extensionPage('options.html');
      await options.locator('#preview-verdict').waitFor();
      const messages = () =>
        options.locator('#preview-messages dd').evaluateAll((dds) => Object.fromEntries(dds.map((d) => [d.dataset.action, d.textContent])));
      // "Dr. Ana Ruiz" is greeted as Ana; a sentence with {mutual} stays when the card names one.
      await options.locator('#preview-name').fill('Dr. Ana Ruiz');
      await options.locator('#preview-mutual').fill('Bo Li and 3 other mutual connections');
      await options.waitForFunction(() => /Bo Li/.test(document.querySelector('#preview-messages')?.textContent));
      const said = await messages();
      assert.match(said['accept-thank'], /^Thanks for the invitation, Ana!/);
      assert.match(said['accept-thank'], /Bo Li/, 'the {mutual} sentence is kept');
      for (const text of Object.values(said)) assert.doesNotMatch(text, /Dr\./, text);
      assert.match(said.decline, /^Hi Ana,/);
      const reasons = await options.locator('#preview-reasons li').allTextContents();
      assert.ok(reasons.some((r) => /^\+\d+ 4 mutual connections, including Bo Li$/.test(r)), reasons.join('; '));
      // Naming nobody drops the sentence, as on the page.
      await options.locator('#preview-mutual').fill('4 mutual connections');
      await options.waitForFunction(() => !/Bo Li/.test(document.querySelector('#preview-messages')?.textContent));
      assert.doesNotMatch((await messages())['accept-thank'], /know/);
      // A group invitation reads as one.
      await options.locator('#preview-sample').selectOption({ label: 'Rust in Production' });
      await options.waitForFunction(() => /group: Rust in Production/.test(document.querySelector('#preview-reasons')?.textContent));
      assert.ok(await options.locator('#preview-target').isVisible());
      await options.close();
    });

    test('an invalid import is refused with the field named, and nothing is saved', async () => {
      const options = await extensionPage('options.html');
      await options.locator('#preview-verdict').waitFor();
      const before = await savedSettings(options);
      await options.locator('#import-file').setInputFiles({
        name: 'bad.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({ version: 1, rules: { review_at: 90, accept_at: 80 } })),
      });
      await options.locator('#message.problem').waitFor();
      assert.match(await options.locator('#message').textContent(), /rules\.review_at/);
      assert.deepEqual(await savedSettings(options), before);
      await options.locator('#import-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
      await options.waitForFunction(() => /not a JSON settings file/.test(document.querySelector('#message').textContent));
      assert.deepEqual(await savedSettings(options), before);
      await options.close();
    });

    test('export then import round-trips the settings', async () => {
      const options = await extensionPage('options.html');
      await options.locator('#preview-verdict').waitFor();
      await options.locator('#f-my_name').fill('Sam Rivera');
      await options.locator('#f-rules-field_keywords').fill('rust\nwasm*');
      await options.locator('#save').click();
      await options.locator('#message.ok').waitFor();
      const exported = await savedSettings(options);
      const file = JSON.parse((await options.download('#export')).text);
      assert.deepEqual(file, exported);
      options.acceptNextDialog();
      await options.locator('#reset').click();
      await options.waitForFunction(() => document.querySelector('#f-my_name').value === '');
      assert.equal((await savedSettings(options)).my_name, '');
      await options.locator('#import-file').setInputFiles({ name: 'settings.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
      await options.waitForFunction(() => document.querySelector('#f-my_name').value === 'Sam Rivera');
      assert.deepEqual(await savedSettings(options), exported);
      await saveSettings(options, null);
      await options.close();
    });

    test('the weekly reminder is scheduled on the chosen day', async () => {
      const options = await extensionPage('options.html');
      await saveSettings(options, { version: 1, reminder: { enabled: true, weekday: 2, hour: 8 } });
      const { next } = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'reminder' }));
      assert.ok(next > Date.now(), 'in the future');
      const at = new Date(next);
      assert.equal(at.getDay(), 2);
      assert.equal(at.getHours(), 8);
      await saveSettings(options, null);
      assert.equal((await options.evaluate(() => chrome.runtime.sendMessage({ type: 'reminder' }))).next, null);
      await options.close();
    });

    // Chromium stops an idle service worker; Firefox terminates an idle background page.
    test('the background keeps working after the browser stops it', async () => {
      const page = await browser.openInvitations('era-c2.html', { status: 'ready' });
      await browser.stopBackground();
      await page.reload();
      assert.equal(await waitForStatus(page, 'ready'), 'ready');
      assert.ok((await readTriage(page)).length >= 6);
      await page.close();
    });

    // axe runs through its Playwright binding, in Chromium.
    for (const scheme of kind === 'chromium' ? ['light', 'dark'] : []) {
      for (const file of ['popup.html', 'options.html']) {
        test(`${file} has no serious accessibility issue (${scheme})`, async () => {
          const page = await browser.context.newPage();
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
          await page.locator(file === 'popup.html' ? '#view > *' : '#preview-verdict').first().waitFor();
          const { violations } = await new AxeBuilder({ page }).analyze();
          const serious = violations.filter((v) => ['serious', 'critical'].includes(v.impact));
          assert.deepEqual(
            serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
            [],
          );
          await page.close();
        });
      }
    }
  });
}
