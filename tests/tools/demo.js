// `./build.sh demo`: runs the built extension in Chromium on the bundled demo page (served at
// LinkedIn's real URL, no network), prints what the extension shows on each invitation, and
// writes screenshots of the page (whole and top), one card with its reasons open, the popup and
// the options page to target/demo/.
const path = require('node:path');
const { mkdir } = require('node:fs/promises');

(async () => {
  const { launch, openInvitations, readTriage, ROOT } = await import('../e2e/harness.mjs');
  const out = path.join(ROOT, 'target/demo');
  await mkdir(out, { recursive: true });
  const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;
  if (headed) process.env.HEADED = '1';
  const browser = await launch();
  try {
    const page = await openInvitations(browser, 'demo.html');
    const status = await page.evaluate(() => document.documentElement.dataset.triageStatus);
    const rows = await readTriage(page);
    const names = await page.evaluate(() =>
      [...document.querySelectorAll('[data-triage-id]')].map(
        (card) => card.querySelector(':scope > [data-triage-ui]')?.shadowRoot?.querySelector('[data-triage-reasons] .who')?.textContent ?? '',
      ),
    );
    console.log(`page status: ${status}, ${rows.length} invitations read\n`);
    const table = rows.map((r, i) => ({
      name: names[i],
      bucket: r.bucket,
      score: r.score,
      'top reasons': r.reasons.slice(0, 3).join('; '),
    }));
    console.table(table);
    await page.screenshot({ path: path.join(out, 'page.png'), fullPage: true });
    await page.screenshot({ path: path.join(out, 'page-top.png') });
    // A close-up of one card with its reasons open, as a user sees it after clicking the badge.
    const card = page.locator('[data-triage-id]').nth(2);
    await card.locator('[data-triage-badge]').click();
    await card.screenshot({ path: path.join(out, 'card.png') });
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.locator('#view > *').first().waitFor();
    await popup.screenshot({ path: path.join(out, 'popup.png') });
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('#preview-verdict').waitFor();
    await options.screenshot({ path: path.join(out, 'options.png') });
    await options.emulateMedia({ colorScheme: 'dark' });
    await options.screenshot({ path: path.join(out, 'options-dark.png') });
    console.log(`\nscreenshots: ${path.relative(process.cwd(), out)}/{page,page-top,card,popup,options,options-dark}.png`);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(`demo failed: ${e.message}`);
  process.exit(1);
});
