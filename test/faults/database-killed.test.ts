// The database dies under a running benchmark: the harness's own mariadbd is SIGKILLed
// while the servers run behind the latency proxy with a baseline page in flight (a
// thread and a connection per gid). The harness must stop within seconds, exit 1, say
// so in one line that names the database, stop everything it started, and write no report.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  databasePid, describeProcesses, faultEnv, leftovers, ownLines, stackFrame, startHarness, statesOwnedBy, stillRunning,
} from './harness-process.ts';
import type { Harness } from './harness-process.ts';
import { skipWithoutLocalServer } from '../support/local-server.ts';

const STOP_LIMIT_MS = 20_000;
let resultsDir: string;
let harness: Harness | undefined;

beforeAll(async () => {
  resultsDir = await mkdtemp(join(tmpdir(), 'faults-db-killed-'));
});

afterAll(async () => {
  harness?.forceStop();
  await rm(resultsDir, { recursive: true, force: true });
});

test('SIGKILL of the database mid-run: exit 1 within seconds, one line naming it, nothing left', async (context) => {
  await skipWithoutLocalServer(context);
  // 10 steps: servers, check, 2 page loads, 2 loads, micro, servers behind +1 ms, 2 page loads.
  harness = startHarness(
    ['--suite', 'quick', '--sizes', '30', '--targets', 'baseline,optimized', '--repetitions', '1',
      '--latencies', '0,1', '--duration', '0.5', '--results-dir', resultsDir],
    faultEnv(),
  );
  const dbPid = await databasePid(harness.pid, 120_000);
  const [state] = await statesOwnedBy(harness.pid);
  await harness.waitForLine(/page load · baseline · 30 gids · \+1 ms/, 240_000);

  harness.sampleNow();
  const running = stillRunning(harness.seen());
  const commands = describeProcesses(running);
  // What is about to be cut off: both servers, the proxy between them and the database, the database.
  expect(commands).toMatch(/lib\/serve\.ts --variant baseline/);
  expect(commands).toMatch(/lib\/serve\.ts --variant optimized/);
  expect(commands).toMatch(/bench\/tools\/latency\/proxy-process\.ts/);
  expect(running.some((info) => info.pid === dbPid)).toBe(true);

  const killedAt = performance.now();
  process.kill(dbPid, 'SIGKILL');
  const exit = await harness.exited;
  const stopMs = exit.at - killedAt;
  const left = await leftovers(harness, resultsDir);

  const after = harness.timedLines().filter((line) => line.at >= killedAt).map((line) => line.text);
  const failure = ownLines(after).filter((line) => !/^\[\d+\/\d+\] /.test(line));
  const serverLines = after.filter((line) => line.startsWith('  ['));
  process.stderr.write(
    `[faults] database killed: harness exited ${exit.code} after ${(stopMs / 1000).toFixed(1)} s; ` +
      `after the kill it printed:\n${after.map((line) => `    ${line}`).join('\n')}\n`,
  );

  expect(exit).toMatchObject({ code: 1, signal: null });
  expect(stopMs).toBeLessThan(STOP_LIMIT_MS);
  expect(failure).toHaveLength(1);
  expect(failure[0]).toMatch(
    /^bench failed: the database \(local \S+ [\d.]+ on 127\.0\.0\.1:\d+\) stopped answering during step \d+\/\d+, /,
  );
  // The servers may say what they saw, once each, not once per failed request.
  expect(serverLines.length).toBeLessThanOrEqual(6);
  expect(harness.stderrLines().filter((line) => stackFrame.test(line))).toEqual([]);
  expect(harness.stdout()).toBe('');

  expect(describeProcesses(left.processes)).toBe('');
  expect(left.stateFiles).toEqual([]);
  if (state !== undefined) expect(existsSync(state.state.dir)).toBe(false);
  expect(left.resultsEntries).toEqual([]);
}, 420_000);
