// Headless Chromium for the page test and the screenshot script. Playwright's own
// browser download cannot be reached from these machines, so it drives an installed
// Chromium or Chrome, and a missing one is a one-line instruction rather than a stack trace.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

// What Debian, Fedora, Arch, Ubuntu and Google's packages call it.
const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'] as const;
// A real browser answers `--version` like this; Ubuntu's apt `chromium-browser` is a
// stub that only asks for the snap.
const BROWSER_VERSION = /^(Chromium|Google Chrome|Chrome)\b.*\d+\./m;

export const missingChromiumMessage =
  `no Chromium found: none of ${NAMES.join(', ')} on PATH answers --version; install it `
  + '(Debian: apt-get install -y chromium; on Ubuntu the apt package is a snap stub, use the snap or Google Chrome) '
  + 'or set CHROME_PATH to its executable';

export type ChromiumSearch = { readonly path: string } | { readonly missing: string };

// CHROME_PATH (lib/config.ts) wins; a wrong one is an error, not a reason to look elsewhere.
export function findChromium(chromePath: string | undefined, searchPath: string = process.env['PATH'] ?? ''): ChromiumSearch {
  if (chromePath !== undefined) {
    return answersAsBrowser(chromePath) ? { path: chromePath } : { missing: `CHROME_PATH=${chromePath} does not answer --version like Chromium or Chrome` };
  }
  const dirs = searchPath.split(path.delimiter).filter(Boolean);
  for (const name of NAMES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate) && answersAsBrowser(candidate)) return { path: candidate };
    }
  }
  return { missing: missingChromiumMessage };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function answersAsBrowser(file: string): boolean {
  try {
    const output = execFileSync(file, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return BROWSER_VERSION.test(output);
  } catch {
    return false;
  }
}

// No network access beyond the page itself: no update checks, sync or QUIC probes.
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export type Chromium = { readonly context: BrowserContext; close(): Promise<void> };

export async function launchChromium(chromePath: string | undefined): Promise<Chromium> {
  const found = findChromium(chromePath);
  if ('missing' in found) throw new Error(found.missing);
  // A fresh profile every time, so no cache from an earlier run can hide a request.
  const userDataDir = await mkdtemp(join(tmpdir(), 'chromium-profile-'));
  const removeProfile = (): Promise<void> => rm(userDataDir, { recursive: true, force: true });
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: found.path,
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1100, height: 760 },
    });
    return { context, close: async () => { await context.close(); await removeProfile(); } };
  } catch (error) {
    await removeProfile();
    throw error;
  }
}
