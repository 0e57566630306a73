// Finding the browser as users' machines have it: under one of its usual names on
// PATH, skipping Ubuntu's apt stub (a script that only asks for the snap), or where
// CHROME_PATH says. Stand-in executables on disk play the installed programs.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findChromium } from '../../../bench/tools/chromium.ts';

let dir = '';
const stub = '#!/bin/sh\necho "Command \'/usr/bin/chromium-browser\' requires the chromium snap to be installed." >&2\nexit 1\n';
const chrome = '#!/bin/sh\necho "Google Chrome 131.0.6778.85 "\n';

async function program(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  await chmod(file, 0o755);
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chromium-search-'));
  await program('chromium-browser', stub);
  await program('google-chrome', chrome);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('skips a snap stub and finds Chrome under its own name', () => {
  expect(findChromium(undefined, dir)).toEqual({ path: join(dir, 'google-chrome') });
});

it('takes CHROME_PATH as given, and refuses one that is no browser', () => {
  expect(findChromium(join(dir, 'google-chrome'), '')).toEqual({ path: join(dir, 'google-chrome') });
  expect(findChromium(join(dir, 'chromium-browser'), dir)).toEqual({ missing: expect.stringMatching(/^CHROME_PATH=.*chromium-browser does not answer --version/) });
});

it('says in one line what to install or set when nothing is found', () => {
  const search = findChromium(undefined, join(dir, 'nothing-here'));
  expect(search).toEqual({ missing: expect.stringContaining('CHROME_PATH') });
  expect('missing' in search && search.missing.includes('\n')).toBe(false);
});
