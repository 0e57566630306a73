// The article's wave 1, seen from the browser: the optimized page asks for the settings
// only, and max CPU once, on a click, for exactly the listed gids; the baseline page
// has max CPU in its JSON and never asks. Requests are observed by the browser itself.
// Needs Chromium or Chrome (bench/tools/chromium.ts finds it; CHROME_PATH names it); SKIP_BROWSER_TESTS=1 skips.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { findChromium, launchChromium } from '../../bench/tools/chromium.ts';
import type { Chromium } from '../../bench/tools/chromium.ts';
import { startServerProcess } from '../../bench/run/server-process.ts';
import type { ServerProcess } from '../../bench/run/server-process.ts';
import { openAdminConnection, seededProjects, sharedMysqlUrl } from '../support/database.ts';
import type { SeededProject } from '../support/database.ts';

const skip = process.env.SKIP_BROWSER_TESTS === '1';
// Any number, any "no samples": what a filled max CPU cell may say.
const maxCpuText = /^(\d+\.\d %|no samples)$/;

let project: SeededProject;
let optimized: ServerProcess;
let baseline: ServerProcess;
let browser: Chromium;

beforeAll(async () => {
  if (skip) return;
  // Fails the file with one line, rather than passing silently in CI without a browser.
  const chromePath = inject('testConfig').chromePath;
  const found = findChromium(chromePath);
  if ('missing' in found) throw new Error(`${found.missing} (or set SKIP_BROWSER_TESTS=1 to skip the browser test)`);
  const admin = await openAdminConnection();
  const projects = await seededProjects(admin);
  await admin.end();
  // The smallest project keeps the baseline's thread-per-gid page at about a second.
  const smallest = projects.find((candidate) => candidate.gidCount > 0);
  if (smallest === undefined) throw new Error('no project with groups seeded');
  project = smallest;
  [optimized, baseline, browser] = await Promise.all([
    startServerProcess({ variant: 'optimized', mysqlUrl: sharedMysqlUrl() }),
    startServerProcess({ variant: 'baseline', mysqlUrl: sharedMysqlUrl() }),
    launchChromium(found.path),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([optimized?.stop(), baseline?.stop()]);
});

type OpenedPage = { readonly page: Page; readonly apiRequests: URL[] };

// Opens the page, records every /api/ request it makes, and returns once the settings
// answer is rendered and the network has been quiet for a while (so a request that
// should not happen had its chance to).
async function openPage(url: string): Promise<OpenedPage> {
  const page = await browser.context.newPage();
  const apiRequests: URL[] = [];
  page.on('request', (request) => {
    const requested = new URL(request.url());
    if (requested.pathname.startsWith('/api/')) apiRequests.push(requested);
  });
  await page.goto(url);
  await page.locator('#timing', { hasText: 'page:' }).waitFor();
  await page.waitForLoadState('networkidle');
  return { page, apiRequests };
}

const listedGids = (page: Page): Promise<number[]> =>
  page.locator('#groups tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-gid'))));
const maxCpuCells = (page: Page): Promise<string[]> => page.locator('#groups tbody td:last-child').allTextContents();

describe.skipIf(skip)('the settings page in a browser', () => {
  it('optimized: opening asks for the settings only, and the footer shows their Server-Timing', async () => {
    const { page, apiRequests } = await openPage(`${optimized.url}/?project=${project.code}`);
    expect(apiRequests.map((request) => request.pathname)).toEqual([`/api/projects/${project.code}/settings`]);
    expect(await listedGids(page)).toHaveLength(project.gidCount);
    expect(new Set(await maxCpuCells(page))).toEqual(new Set(['']));
    expect(await page.locator('#timing').textContent()).toMatch(/page: \d+ ms total, \d+ ms waiting for the database, 2 queries \(\d+ ms summed\), 0 workers/);
    await page.close();
  });

  it('optimized: the button asks /max-cpus once, for exactly the listed gids, and fills the values', async () => {
    const { page, apiRequests } = await openPage(`${optimized.url}/?project=${project.code}`);
    const gids = await listedGids(page);
    await page.getByRole('button', { name: 'Show max CPU' }).click();
    await page.locator('#timing', { hasText: 'max-cpus:' }).waitFor();
    await page.waitForLoadState('networkidle');

    const maxCpuRequests = apiRequests.filter((request) => request.pathname.endsWith('/max-cpus'));
    expect(maxCpuRequests).toHaveLength(1);
    expect(maxCpuRequests[0]?.searchParams.get('gids')?.split(',').map(Number)).toEqual(gids);
    const cells = await maxCpuCells(page);
    expect(cells).toHaveLength(gids.length);
    for (const cell of cells) expect(cell).toMatch(maxCpuText);
    expect(cells.some((cell) => cell.endsWith('%'))).toBe(true);
    expect(await page.getByRole('button', { name: 'Show max CPU' }).isVisible()).toBe(false);
    await page.close();
  });

  it('baseline: max CPU is in the page already, with no button and no /max-cpus request', async () => {
    const { page, apiRequests } = await openPage(`${baseline.url}/projects/${project.code}`);
    expect(apiRequests.map((request) => request.pathname)).toEqual([`/api/projects/${project.code}/settings`]);
    expect(await page.getByRole('button', { name: 'Show max CPU' }).isVisible()).toBe(false);
    const cells = await maxCpuCells(page);
    expect(cells).toHaveLength(project.gidCount);
    for (const cell of cells) expect(cell).toMatch(maxCpuText);
    expect(await page.locator('#timing').textContent()).toMatch(new RegExp(`${project.gidCount} workers`));
    await page.close();
  });

  it('an unknown project shows the API\'s 404 message', async () => {
    const { page } = await openPage(`${optimized.url}/projects/no-such-project`);
    expect(await page.locator('#status').textContent()).toBe('404: no project "no-such-project"');
    expect(await page.locator('#groups').isVisible()).toBe(false);
    await page.close();
  });
});
