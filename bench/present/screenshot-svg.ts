// node bench/present/screenshot-svg.ts --svg FILE.svg --out FILE.png
// Opens one of the SVG pictures this repository draws (a waterfall, a flame graph) in
// headless Chromium, as a reader's browser shows it, and saves it as a PNG for the docs
// (docs/img/*.png): proof that the file renders, not only that it parses.
// Flags are parsed here, not in lib/config.ts: they describe one picture, not the server.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium } from '../tools/chromium.ts';

const { values } = parseArgs({ options: { svg: { type: 'string' }, out: { type: 'string' } } });
if (values.svg === undefined || values.out === undefined) {
  process.stderr.write('usage: node bench/present/screenshot-svg.ts --svg FILE.svg --out FILE.png\n');
  process.exit(2);
}

const svg = resolve(values.svg);
const size = /<svg [^>]*width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/.exec(await readFile(svg, 'utf8'));
if (size === null) {
  process.stderr.write(`error: ${values.svg} is not an SVG with a width and a height\n`);
  process.exit(1);
}
const [width, height] = [Math.ceil(Number(size[1])), Math.ceil(Number(size[2]))];
const browser = await launchChromium(process.env['CHROME_PATH']);
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(pathToFileURL(svg).href);
  await page.screenshot({ path: values.out, clip: { x: 0, y: 0, width, height } });
  process.stdout.write(`${values.out}: ${width} × ${height}\n`);
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
