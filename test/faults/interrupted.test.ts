// Ctrl-C and SIGTERM, while seeding and while measuring: the harness exits 130 / 143,
// stops every process it started, writes no report, and the next run works.
// Ctrl-C is sent as a terminal sends it, to the whole process group (so the servers and
// the database get it too); SIGTERM as `kill` sends it, to the harness alone.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../lib/config.ts';
import { cachedDataset } from '../../seed/cache.ts';
import {
  databasePid, describeProcesses, faultEnv, leftovers, listTree, ownLines, stackFrame, startHarness, statesOwnedBy,
} from './harness-process.ts';
import type { Harness } from './harness-process.ts';
import { skipWithoutLocalServer } from '../support/local-server.ts';

const STOP_LIMIT_MS = 30_000;
// A quick run: the small dataset, two variants, every step once.
const runArgs = ['--suite', 'quick', '--sizes', '30', '--targets', 'baseline,optimized', '--repetitions', '1',
  '--latencies', '0', '--duration', '0.5'];
// A seed that takes seconds: the default four projects and a day of samples per gid
// (about 1.9 million rows), loaded afresh into the run's new database (--force-seed only
// makes sure of it: a new database never holds the data yet).
const slowSeed = { PROJECT_SIZES: '30,100,300,1000', SAMPLES_PER_GID: '1440' };

let resultsDir: string;
let harness: Harness | undefined;
const interrupted: number[] = [];

beforeAll(async () => {
  resultsDir = await mkdtemp(join(tmpdir(), 'faults-interrupted-'));
  // Generated now (or found in the cache, as `make bench` leaves it), so that the seeding
  // the signal interrupts is the load into the database, not the file generation.
  const parsed = parseConfig([], faultEnv(slowSeed));
  if (parsed.kind !== 'config') throw new Error('bad fault-test config');
  const { seed, projectSizes, samplesPerGid, seedCacheDir } = parsed.config;
  await cachedDataset(seedCacheDir, { seed, projectSizes, samplesPerGid });
}, 300_000);

afterEach(() => {
  harness?.forceStop();
  harness = undefined;
});

afterAll(async () => {
  await rm(resultsDir, { recursive: true, force: true });
});

type Case = {
  readonly signal: 'SIGINT' | 'SIGTERM';
  readonly to: 'group' | 'harness';
  readonly code: number;
  readonly during: 'seeding' | 'a run';
};

const cases: Case[] = [
  { signal: 'SIGINT', to: 'group', code: 130, during: 'seeding' },
  { signal: 'SIGTERM', to: 'harness', code: 143, during: 'seeding' },
  { signal: 'SIGINT', to: 'group', code: 130, during: 'a run' },
  { signal: 'SIGTERM', to: 'harness', code: 143, during: 'a run' },
];

describe.each(cases)('$signal to the $to during $during', ({ signal, to, code, during }) => {
  test(`exits ${code}, stops everything it started, writes no report`, async (context) => {
    await skipWithoutLocalServer(context);
    const seeding = during === 'seeding';
    const args = [...runArgs, '--results-dir', resultsDir, ...(seeding ? ['--force-seed', 'true'] : [])];
    const current = startHarness(args, faultEnv(seeding ? slowSeed : {}));
    harness = current;
    interrupted.push(current.pid);

    const dbPid = await databasePid(current.pid, 120_000);
    const [state] = await statesOwnedBy(current.pid);
    if (seeding) {
      // `database: ...` is printed once it answers; `seed ...` only when the load is done.
      await current.waitForLine(/^database: local /, 120_000);
      await sleep(500);
    } else {
      await current.waitForLine(/^\[2\/\d+\] check all targets agree/, 240_000);
    }
    current.sampleNow();
    const seedDone = current.stderrLines().some((line) => /^seed \d+:/.test(line));
    expect(seedDone, 'the seed had finished before the signal: make it larger').toBe(!seeding);
    if (!seeding) expect(describeProcesses(current.seen())).toMatch(/lib\/serve\.ts --variant baseline/);
    expect(current.seen().some((info) => info.pid === dbPid)).toBe(true);

    const signalledAt = performance.now();
    process.kill(to === 'group' ? -current.pid : current.pid, signal);
    const exit = await current.exited;
    const stopMs = exit.at - signalledAt;
    const left = await leftovers(current, resultsDir);
    const after = current.timedLines().filter((line) => line.at >= signalledAt).map((line) => line.text);
    process.stderr.write(
      `[faults] ${signal} to the ${to} during ${during}: exit ${exit.code} after ${(stopMs / 1000).toFixed(1)} s` +
        `${after.length === 0 ? ', nothing printed' : `; printed:\n${after.map((line) => `    ${line}`).join('\n')}`}\n`,
    );

    expect(exit).toMatchObject({ code, signal: null });
    expect(stopMs).toBeLessThan(STOP_LIMIT_MS);
    // An interrupt is not a failure to report: no "bench failed", no "cleanup failed", no stack.
    expect(ownLines(after).filter((line) => !/^\[\d+\/\d+\] /.test(line))).toEqual([]);
    expect(current.stderrLines().filter((line) => stackFrame.test(line))).toEqual([]);
    expect(current.stdout()).toBe('');

    expect(describeProcesses(left.processes)).toBe('');
    expect(left.stateFiles).toEqual([]);
    if (state !== undefined) expect(existsSync(state.state.dir)).toBe(false);
    expect(left.resultsEntries).toEqual([]);
  }, 360_000);
});

test('the next run works and finds nothing to reap', async (context) => {
  await skipWithoutLocalServer(context);
  const current = startHarness(
    ['--suite', 'quick', '--sizes', '30', '--targets', 'optimized', '--repetitions', '1', '--latencies', '0',
      '--duration', '0.5', '--results-dir', resultsDir],
    faultEnv(),
  );
  harness = current;
  const exit = await current.exited;
  const stderr = current.stderrLines().join('\n');
  expect(exit.code, stderr).toBe(0);
  for (const pid of interrupted) expect(stderr).not.toContain(`left by pid ${pid}`);
  const entries = await listTree(resultsDir);
  const report = entries.find((entry) => entry.endsWith('report.json'));
  expect(report, entries.join('\n')).toBeDefined();
  expect(entries.filter((entry) => entry.includes('.partial-'))).toEqual([]);
  expect(JSON.parse(await readFile(join(resultsDir, report as string), 'utf8'))).toMatchObject({
    tool: 'settings-api-bench',
    equivalence: [{ gids: 30, identical: true }],
  });
  expect(describeProcesses((await leftovers(current, resultsDir)).processes)).toBe('');
}, 300_000);
