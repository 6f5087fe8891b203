// `./build.sh demo`: runs the built extension in Chromium on the bundled demo page (served at
// LinkedIn's real URL, no network), prints what the extension shows on each invitation, and
// writes screenshots of the page, the popup and the options page to target/demo/.
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
      [...document.querySelectorAll('[data-triage-id]')].map((card) => {
        const label = card.querySelector(':scope > [data-triage-ui]')?.shadowRoot?.querySelector('[data-triage-badge]')?.getAttribute('aria-label');
        return { id: card.dataset.triageId, label };
      }),
    );
    console.log(`page status: ${status}, ${rows.length} invitations read\n`);
    const table = rows.map((r) => ({
      invitation: r.id,
      bucket: r.bucket,
      score: r.score,
      'top reasons': r.reasons.slice(0, 3).join('; '),
    }));
    console.table(table);
    void names;
    await page.screenshot({ path: path.join(out, 'page.png'), fullPage: true });
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.locator('#view > *').first().waitFor();
    await popup.screenshot({ path: path.join(out, 'popup.png') });
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('#view > *').first().waitFor();
    await options.screenshot({ path: path.join(out, 'options.png'), fullPage: true });
    console.log(`\nscreenshots: ${path.relative(process.cwd(), out)}/{page,popup,options}.png`);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(`demo failed: ${e.message}`);
  process.exit(1);
});
