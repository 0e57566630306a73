// Headless Chromium for the page test and the screenshot script. Playwright's own
// browser download cannot be reached from these machines, so it drives the system
// package, and a missing one is a one-line instruction rather than a stack trace.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';
export const missingChromiumMessage = `no Chromium at ${chromiumPath}: install it with \`apt-get install -y chromium\``;

// No network access beyond the page itself: no update checks, sync or QUIC probes.
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export type Chromium = { readonly context: BrowserContext; close(): Promise<void> };

export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(chromiumPath)) throw new Error(missingChromiumMessage);
  // A fresh profile every time, so no cache from an earlier run can hide a request.
  const userDataDir = await mkdtemp(join(tmpdir(), 'chromium-profile-'));
  const removeProfile = (): Promise<void> => rm(userDataDir, { recursive: true, force: true });
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
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
