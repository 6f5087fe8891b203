// Takes the README's screenshots of the weekly review (the side panel's page), in light and dark,
// with the demo fixture read on the invitations page: `node tools/screenshots.mjs` after
// `./build.sh`. Writes docs/screenshots/panel.png and panel-dark.png.
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
} finally {
  await browser.close();
}
