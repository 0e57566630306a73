// The harness end to end, on the shared test database: two runs of the same code pass
// the gate (A/A), and a run whose optimized page issues more queries fails it. Timing
// verdicts are proven on fixtures (test/bench/compare); here the deterministic counters
// decide, as CI's first gate does, so the test cannot flake on a busy machine.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { reportSchema } from '../../../bench/report/schema.ts';
import type { Report } from '../../../bench/report/schema.ts';
import { sharedDatabaseEnv } from '../../support/harness-env.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
let resultsDir: string;


async function bench(extra: Record<string, string> = {}): Promise<{ dir: string; report: Report; stdout: string }> {
  const before = new Set(await readdir(resultsDir));
  const args = ['bench/run/cli.ts', '--suite', 'quick', '--sizes', '30', '--targets', 'baseline,wave1-lazy,optimized',
    '--repetitions', '4', '--latencies', '0', '--duration', '0.5', '--results-dir', resultsDir];
  const { stdout } = await run(process.execPath, args, { cwd: root, env: sharedDatabaseEnv(extra), maxBuffer: 16 * 2 ** 20 });
  const created = (await readdir(resultsDir)).filter((name) => !before.has(name) && name !== 'latest');
  expect(created).toHaveLength(1);
  // latest names the run just written, so the commands the summary prints work as pasted.
  expect(await readlink(join(resultsDir, 'latest'))).toBe(created[0]);
  const dir = join(resultsDir, created[0] as string);
  const report = reportSchema.parse(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')));
  return { dir, report, stdout };
}

async function compare(base: string, next: string, ...flags: string[]): Promise<{ code: number; stdout: string }> {
  return run(process.execPath, ['bench/judge/compare-cli.ts', base, next, ...flags], { cwd: root })
    .then(({ stdout }) => ({ code: 0, stdout }))
    .catch((error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }));
}

beforeAll(async () => {
  resultsDir = await mkdtemp(join(tmpdir(), 'bench-runs-'));
});

afterAll(async () => {
  await rm(resultsDir, { recursive: true, force: true });
});

// Each step is one or two whole harness runs (about a minute each on an idle 2-core machine).
describe('make bench, then make compare', { timeout: 300_000 }, () => {
  let first: Awaited<ReturnType<typeof bench>>;

  it('writes a complete, schema-valid run folder with every variant and the speedup', async () => {
    first = await bench();
    const files = await readdir(first.dir);
    expect(files).toEqual(expect.arrayContaining(['report.json', 'report.md', 'charts', 'github-benchmark-smaller.json']));
    expect(first.report.equivalence.map((check) => check.identical)).toEqual([true]);
    const markdown = await readFile(join(first.dir, 'report.md'), 'utf8');
    for (const variant of ['baseline', 'wave1-lazy', 'optimized']) expect(markdown).toContain(variant);
    expect(markdown).toMatch(/speedup/i);
    expect(first.stdout).toContain('report.md');
    expect(JSON.stringify(first.report)).not.toContain(new URL(inject('mysqlUrl')).password || '\u0000');
  });

  it('A/A: a second run of the same code passes the gate', async () => {
    const second = await bench();
    const result = await compare(first.dir, second.dir, '--latency', 'off');
    expect(result.stdout).toMatch(/pass/i);
    expect(result.code).toBe(0);
  });

  it('a run that adds queries per request fails the gate', async () => {
    // Smaller batches: the optimized page now needs 3 batched queries for 30 gids instead of 1.
    const more = await bench({ SETTINGS_CHUNK_SIZE: '10' });
    const refused = await compare(first.dir, more.dir, '--latency', 'off');
    expect(refused.code).toBe(3);
    const result = await compare(first.dir, more.dir, '--latency', 'off', '--allow-env-mismatch');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/statements per request · settings · optimized · 30 gids/);
  });
});
