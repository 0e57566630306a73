// node bench/present/screenshot-timing.ts --url http://127.0.0.1:PORT --project CODE --out FILE.png
// Opens the settings page of a running server in headless Chromium and saves what a
// user sees: the top of the list and the Server-Timing footer (docs/img/*.png).
// Flags are parsed here, not in lib/config.ts: they describe one picture, not the server.
import { parseArgs } from 'node:util';
import { configFromCli } from '../../lib/config.ts';
import { launchChromium } from '../tools/chromium.ts';

// The baseline's 300-gid page takes tens of seconds on a small machine.
const pageTimeoutMs = 180_000;

const { values } = parseArgs({
  options: { url: { type: 'string' }, project: { type: 'string' }, out: { type: 'string' } },
});
if (values.url === undefined || values.project === undefined || values.out === undefined) {
  process.stderr.write('usage: node bench/present/screenshot-timing.ts --url http://127.0.0.1:PORT --project CODE --out FILE.png\n');
  process.exit(2);
}

// CHROME_PATH comes from the environment, through the one config table.
const browser = await launchChromium(configFromCli(['bench'], []).chromePath);
try {
  const page = await browser.context.newPage();
  await page.goto(`${values.url.replace(/\/$/, '')}/?project=${encodeURIComponent(values.project)}`);
  // The footer's first line appears once the settings answer (or its error) has arrived.
  const footer = page.locator('#timing', { hasText: 'page:' });
  await footer.waitFor({ timeout: pageTimeoutMs });
  // A picture of an error message is no documentation: say it and write nothing.
  const error = page.locator('#status.error');
  if (await error.isVisible()) throw new Error(`the page shows an error: ${await error.textContent()}`);
  await page.screenshot({ path: values.out });
  process.stdout.write(`${values.out}: ${await footer.textContent()}\n`);
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
