// The note coach: under LinkedIn's "Add a note" box, wherever the connect dialog opens (in the
// page, in #interop-outlet's open shadow root, in a same-origin /preload/ iframe), a panel
// scores the note as the recipient's Invite Triage would. Real Chromium and Firefox, the
// profile fixture at its real URL (tests/fixtures/profile.html, the dialog built by linkedin.js).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { BROWSERS, launchBrowser } from './browsers.mjs';
import { saveSettingsFrom } from './harness.mjs';

const PROFILE = 'https://www.linkedin.com/in/ana-ruiz/';
const PLACEMENTS = ['page', 'shadow', 'iframe'];
const PITCH = "I help companies like yours grow revenue, let's hop on a quick call";
const PERSONAL = 'Hi Ana, great meeting you at RustConf yesterday — loved your talk on async; would like to stay in touch';

/**
 * In the page: the note box and the coach where `placement` puts the dialog. With `act`, does
 * it first: `addNote` (LinkedIn's "Add a note"), `type` (`text` into the box, as typing reaches
 * LinkedIn's framework), `template` (a click on our template button `key`). With `want`,
 * answers whether every field of `want` has that value (for waits); else the whole state.
 */
function coachInPage({ placement, act, text, key, want }) {
  const root =
    placement === 'shadow'
      ? document.getElementById('interop-outlet')?.shadowRoot
      : placement === 'iframe'
        ? document.querySelector('iframe.preload-frame')?.contentDocument
        : document;
  const box = root?.querySelector('#custom-message') ?? null;
  const host = root?.querySelector('[data-triage-coach]') ?? null;
  const ours = host?.shadowRoot ?? null;
  if (act === 'addNote') root.querySelector('button[aria-label="Add a note"]').click();
  if (act === 'type') {
    const view = box.ownerDocument.defaultView;
    Object.getOwnPropertyDescriptor(view.HTMLTextAreaElement.prototype, 'value').set.call(box, text);
    box.dispatchEvent(new view.Event('input', { bubbles: true }));
  }
  if (act === 'template') ours.querySelector(`[data-triage-coach-template="${key}"]`).click();
  const state = {
    firstDialog: Boolean(root?.querySelector('button[aria-label="Add a note"]')),
    box: box ? box.value : null,
    counter: root?.querySelector('.custom-message-counter')?.textContent ?? null,
    focused: box ? box.ownerDocument.activeElement === box || root.activeElement === box : false,
    coach: Boolean(host),
    inDialog: host ? Boolean(host.closest('[role="dialog"]')) : false,
    afterContainer: host ? host.previousElementSibling === box?.parentElement : false,
    score: host ? Number(host.dataset.triageScore) : null,
    bucket: host?.dataset.triageBucket ?? null,
    length: ours?.querySelector('[data-triage-coach-length]')?.textContent ?? null,
    reasons: ours ? [...ours.querySelectorAll('[data-triage-coach-reasons] li')].map((li) => li.textContent) : [],
    templates: ours ? [...ours.querySelectorAll('[data-triage-coach-template]')].map((b) => b.dataset.triageCoachTemplate) : [],
    title: ours?.querySelector('.title')?.textContent ?? null,
    sent: window.__fixture?.connect?.sent?.length ?? null,
    ui: [document, root].filter(Boolean).reduce((n, r) => n + r.querySelectorAll('[data-triage-ui]').length, 0),
  };
  if (!want) return state;
  return Object.entries(want).every(([k, v]) => JSON.stringify(state[k]) === JSON.stringify(v));
}

for (const kind of BROWSERS) {
  describe(kind, () => {
    let browser;
    let options;
    before(async () => {
      browser = await launchBrowser(kind);
      options = await browser.openExtensionPage('options.html');
      browser.serve({ '/in/ana-ruiz/': 'profile.html', '/preload/custom-invite/': 'preload-invite.html' });
    });
    after(() => browser?.close());
    beforeEach(() => saveSettingsFrom(options, null));

    const state = (page, placement) => page.evaluate(coachInPage, { placement });
    const act = (page, placement, what) => page.evaluate(coachInPage, { placement, ...what });
    const until = (page, placement, want) =>
      page.waitForFunction(coachInPage, { placement, want }).catch(async (e) => {
        throw new Error(`${placement}: never ${JSON.stringify(want)}; now ${JSON.stringify(await state(page, placement))}: ${e.message}`);
      });

    /** The profile with the connect dialog's note box open where `placement` puts it. */
    async function noteBox(placement) {
      const page = await browser.open(`${PROFILE}?placement=${placement}`);
      await page.waitForFunction(() => Boolean(window.__fixture?.connect));
      await page.click('[data-fixture-connect]');
      await until(page, placement, { firstDialog: true });
      assert.equal((await state(page, placement)).coach, false, 'no coach before there is a note box');
      await act(page, placement, { act: 'addNote' });
      await until(page, placement, { box: '' });
      return page;
    }

    for (const placement of PLACEMENTS) {
      test(`the coach appears under the note box, inside the dialog (${placement})`, async () => {
        const page = await noteBox(placement);
        await until(page, placement, { coach: true, length: '0 / 200' });
        const s = await state(page, placement);
        assert.equal(s.inDialog, true, 'inside the dialog');
        assert.equal(s.afterContainer, true, "right after the box's container");
        assert.equal(s.box, '', 'the box untouched');
        assert.deepEqual(s.templates, ['coach_met', 'coach_talk', 'coach_group', 'coach_recruiter']);
        assert.match(s.title, /Ana/, 'the recipient read from the page');
        assert.ok(s.reasons.some((r) => r.includes('No note yet')), s.reasons.join(' | '));
        // Scored as typed: a pitch is ignored, a personal note accepted.
        await act(page, placement, { act: 'type', text: PITCH });
        await until(page, placement, { bucket: 'ignore' });
        assert.ok((await state(page, placement)).reasons.some((r) => r.includes('Sales pitch')));
        await act(page, placement, { act: 'type', text: PERSONAL });
        await until(page, placement, { bucket: 'accept' });
        const personal = await state(page, placement);
        assert.ok(personal.reasons.some((r) => r.includes('Greets Ana by name')), personal.reasons.join(' | '));
        assert.ok(personal.reasons.some((r) => r.includes('how you know each other')), personal.reasons.join(' | '));
        assert.equal(personal.sent, 0, 'nothing sent');
        await page.close();
      });
    }

    test('the length counter counts UTF-16 units, as LinkedIn does', async () => {
      const page = await noteBox('page');
      await until(page, 'page', { coach: true });
      await act(page, 'page', { act: 'type', text: '😀'.repeat(10) });
      await until(page, 'page', { length: '20 / 200' });
      await act(page, 'page', { act: 'type', text: `Hi Ana, ${'é'.repeat(95)} ${'😀'.repeat(50)}` });
      await until(page, 'page', { length: '204 / 200' });
      assert.ok((await state(page, 'page')).reasons.some((r) => r.includes('200-character limit')));
      await page.close();
    });

    test('Premium sets the limit to 300', async () => {
      await saveSettingsFrom(options, { version: 4, premium: true });
      const page = await noteBox('shadow');
      await until(page, 'shadow', { length: '0 / 300' });
      await page.close();
    });

    for (const placement of PLACEMENTS) {
      test(`a template fills the box only on click, and nothing is ever sent (${placement})`, async () => {
        await saveSettingsFrom(options, { version: 4, my_name: 'Sam Rivera' });
        const page = await noteBox(placement);
        await until(page, placement, { coach: true, length: '0 / 200' });
        assert.equal((await state(page, placement)).box, '', 'before the click the box is untouched');
        await act(page, placement, { act: 'template', key: 'coach_recruiter' });
        await page.waitForFunction(coachInPage, { placement, want: { focused: true } });
        const s = await state(page, placement);
        assert.match(s.box, /^Hi Ana, I am a recruiter and your experience at Ferrous Labs caught my eye\..* Sam Rivera$/);
        // LinkedIn's framework saw it as typing (its counter follows input events only).
        assert.equal(s.counter, `${s.box.length}/200`);
        // And the coach scored the new text.
        await until(page, placement, { length: `${s.box.length} / 200` });
        assert.equal((await state(page, placement)).sent, 0, 'nothing sent');
        await page.close();
      });
    }

    test('quiet mode: the coach adds nothing to the page', async () => {
      await saveSettingsFrom(options, { version: 4, quiet: true });
      const page = await noteBox('page');
      await act(page, 'page', { act: 'type', text: PITCH });
      // The worker says quiet for this very request.
      const reply = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'coach', dialog: '<html><body></body></html>', note: 'x', url: location.href }));
      assert.deepEqual(reply, { quiet: true });
      let s = await state(page, 'page');
      assert.equal(s.coach, false);
      assert.equal(s.ui, 0, 'no element of ours anywhere');
      // Quiet off: the same box gets its coach (it was watching all along).
      await saveSettingsFrom(options, { version: 4, quiet: false });
      await until(page, 'page', { coach: true, bucket: 'ignore' });
      s = await state(page, 'page');
      assert.equal(s.sent, 0);
      await page.close();
    });
  });
}
