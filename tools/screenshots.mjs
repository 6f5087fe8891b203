// Takes the README's screenshots of the weekly review (the side panel's page), in light and dark,
// with the demo fixture read on the invitations page: `node tools/screenshots.mjs` after
// `./build.sh`. Writes docs/screenshots/panel.png and panel-dark.png, and the note coach under
// LinkedIn's "Add a note" box on a profile (profile.html), light and dark: coach.png, coach-dark.png;
// the Sent tab with its ages and withdraw suggestions (sent.png, one reasons panel open), and the
// side panel's batch withdraw beside it (panel-sent.png).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openInvitations } from '../tests/e2e/harness.mjs';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots');

const browser = await launch();
try {
  const page = await openInvitations(browser, 'demo.html', { status: 'ready' });
  const count = await page.evaluate(() => document.querySelectorAll('[data-triage-id]').length);
  for (const [scheme, file] of [['light', 'panel.png'], ['dark', 'panel-dark.png']]) {
    const panel = await browser.context.newPage();
    await panel.setViewportSize({ width: 400, height: 900 });
    await panel.emulateMedia({ colorScheme: scheme });
    await panel.goto(`chrome-extension://${browser.extensionId}/panel.html`);
    await panel.waitForFunction((n) => document.querySelectorAll('[data-triage-row]').length === n, count);
    await panel.locator('[data-triage-row]').first().focus();
    await panel.screenshot({ path: path.join(OUT, file) });
    await panel.close();
  }
  await page.close();
  await coachShots(browser);
  await sentShots(browser);
} finally {
  await browser.close();
}

/** The note coach on the profile fixture, a personal note typed, in LinkedIn's light and dark themes. */
async function coachShots(browser) {
  browser.serve({ '/in/ana-ruiz/': 'profile.html' });
  for (const [theme, file] of [['light', 'coach.png'], ['dark', 'coach-dark.png']]) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1000, height: 760 });
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`https://www.linkedin.com/in/ana-ruiz/?placement=page&theme=${theme}`);
    await page.click('[data-fixture-connect]');
    await page.click('button[aria-label="Add a note"]');
    const box = page.locator('#custom-message');
    await box.click();
    await box.pressSequentially('Hi Ana, great meeting you at RustConf yesterday. Loved your talk on async; would like to stay in touch.');
    await page.waitForFunction(() => document.querySelector('[data-triage-coach]')?.dataset.triageBucket === 'accept');
    await page.locator('.send-invite').screenshot({ path: path.join(OUT, file) });
    await page.close();
  }
}

/** The Sent tab, a suggested card's reasons open, and the side panel's batch withdraw. */
async function sentShots(browser) {
  const SENT = 'https://www.linkedin.com/mynetwork/invitation-manager/sent/';
  const page = await openInvitations(browser, 'sent-current.html', { url: SENT, status: 'ready' });
  // Tall enough that nothing scrolls: LinkedIn's fixed header would cover a card in the shot.
  await page.setViewportSize({ width: 1000, height: 2000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-fixture-sent][data-triage-id]').length === document.querySelectorAll('[data-fixture-sent]').length);
  const stale = page.locator('[data-fixture-sent][data-triage-suggest="withdraw"]').first();
  await stale.locator('[data-triage-badge]').click();
  await page.locator('[data-fixture-list], main').first().screenshot({ path: path.join(OUT, 'sent.png') });
  const panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 400, height: 700 });
  await panel.goto(`chrome-extension://${browser.extensionId}/panel.html`);
  await panel.waitForFunction(() => document.querySelectorAll('[data-triage-withdraw-item]').length > 0);
  await panel.locator('#withdraw').screenshot({ path: path.join(OUT, 'panel-sent.png') });
  await panel.close();
  await page.close();
}
