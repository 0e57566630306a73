// The "done when", for real: a fresh base run of this tree, then runs of
// temporary copies of the repository with one change each, and `make compare` (its CLI)
// must fail naming the route, the statement and the metric:
// - a query per gid added to optimized/max-cpus.ts (an N + 1 where wave 1 moved the work);
// - a non-SELECT statement per request (an UPDATE in every settings page);
// - a measured cell dropped (the UI page no longer served).
// And a two-revision run of this tree against its own HEAD passes. The NEW runs count
// only (--counters-only), as CI's comparison with results/reference does; the counters
// decide, so nothing here can flake on a busy machine.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchema } from '../../../bench/report/schema.ts';
import { sharedDatabaseEnv } from '../../support/harness-env.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const benchArgs = ['--suite', 'quick', '--sizes', '30,60', '--targets', 'wave1-lazy,optimized', '--repetitions', '4', '--latencies', '0', '--duration', '0.5', '--micro', 'false'];
let scratch: string;
let baseRun: string;

// The working tree as it is (tracked and new files), its node_modules shared.
async function copyOfRepository(name: string): Promise<string> {
  const copy = join(scratch, name);
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, maxBuffer: 64 * 2 ** 20 });
  for (const file of stdout.split('\0').filter((path) => path !== '' && !path.startsWith('results/reference/'))) {
    await mkdir(dirname(join(copy, file)), { recursive: true });
    await cp(join(root, file), join(copy, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // deleted in the working tree, not yet in git
    });
  }
  await symlink(join(root, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

async function edit(copy: string, file: string, from: string, to: string): Promise<void> {
  const path = join(copy, file);
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer holds the text this test changes: ${from}`);
  await writeFile(path, text.replace(from, to));
}

async function bench(cwd: string, extra: readonly string[] = []): Promise<string> {
  const results = join(scratch, 'runs', `${Date.now()}`);
  await run(process.execPath, ['bench/run/cli.ts', ...benchArgs, ...extra, '--results-dir', results], { cwd, env: sharedDatabaseEnv(), maxBuffer: 64 * 2 ** 20 });
  const [folder] = await readdir(results);
  if (folder === undefined) throw new Error('no run folder written');
  return join(results, folder);
}

async function compare(...args: string[]): Promise<{ code: number; stdout: string }> {
  return run(process.execPath, ['bench/judge/compare-cli.ts', ...args], { cwd: root, maxBuffer: 64 * 2 ** 20 })
    .then(({ stdout }) => ({ code: 0, stdout }))
    .catch((error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }));
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'gate-regressions-'));
  baseRun = await bench(root);
}, 600_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('make compare against a fresh base run', { timeout: 600_000 }, () => {
  it('passes for the same code, counted again', async () => {
    const again = await bench(await copyOfRepository('same'), ['--counters-only', 'true']);
    const result = await compare(baseRun, again, '--latency', 'off');
    expect(result.stdout).toContain('gate: PASS');
    expect(result.code).toBe(0);
  });

  it('fails on a query per gid in optimized/max-cpus.ts, naming the route and the statement', async () => {
    const copy = await copyOfRepository('query-per-gid');
    await edit(copy, 'optimized/max-cpus.ts', '  const maxCpus = new Map<Gid, number>();\n', [
      '  const maxCpus = new Map<Gid, number>();',
      '  for (const gid of gids) await timedQuery(db.pool, \'SELECT COUNT(*) AS samples FROM cpu_samples WHERE project_id = ? AND gid = ?\', [project.id, gid]);',
      '',
    ].join('\n'));
    const result = await compare(baseRun, await bench(copy, ['--counters-only', 'true']), '--latency', 'off');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('gate: FAIL');
    expect(result.stdout).toMatch(
      /- executions per request · max-cpus · optimized · 30 gids · \+0 ms · SELECT COUNT\(\*\) AS samples FROM cpu_samples WHERE project_id = \? AND gid = \?: increased 0 executions → 30 executions \(new\)/,
    );
    expect(result.stdout).toMatch(/- statements per request · max-cpus · optimized · 30 gids · \+0 ms: increased 2 statements → 32 statements/);
    // The settings page does not ask for max CPU: it did not change.
    expect(result.stdout).not.toMatch(/- \S.* · settings · optimized /);
  });

  it('fails on a non-SELECT statement per request, naming its kind and the statement', async () => {
    const copy = await copyOfRepository('update-per-request');
    await edit(copy, 'lib/settings-page.ts', '  const gids = project.groups.map((group) => group.gid);\n', [
      '  const gids = project.groups.map((group) => group.gid);',
      "  await db.pool.query('UPDATE projects SET code = code WHERE id = ?', [project.id]);",
      '',
    ].join('\n'));
    const result = await compare(baseRun, await bench(copy, ['--counters-only', 'true']), '--latency', 'off');
    expect(result.code).toBe(1);
    // MariaDB's digest writes some names (code, id) in capitals, as keywords.
    expect(result.stdout).toMatch(/- update statements per request · settings · optimized · 30 gids · \+0 ms: increased 0 statements → 1 statements \(new\)/);
    expect(result.stdout).toMatch(/- executions per request · settings · wave1-lazy · 60 gids · \+0 ms · UPDATE projects SET code = code WHERE id = \?: increased 0 executions → 1 executions \(new\)/i);
  });

  it('fails on a dropped cell, saying why NEW skipped it, unless --allow-missing names it', async () => {
    const copy = await copyOfRepository('no-ui-page');
    await edit(copy, 'lib/settings-ui.ts', "  app.get('/', sendPage);\n", '');
    const next = await bench(copy, ['--counters-only', 'true']);
    const result = await compare(baseRun, next, '--latency', 'off');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/- statements per request · ui · optimized · 30 gids · \+0 ms: missing in NEW \(skipped: no UI page: GET \/\?project=\S+ answered 404/);
    const allowed = await compare(baseRun, next, '--latency', 'off', '--allow-missing', '* · ui · *');
    expect(allowed.stdout).toMatch(/allowed statements per request · ui · optimized · 30 gids · \+0 ms: missing in NEW .*\(--allow-missing '\* · ui · \*'\)/);
    expect(allowed.code).toBe(0);
  });
});

describe('make bench REF=HEAD, then make compare RUN=', { timeout: 900_000 }, () => {
  it('measures HEAD beside the working tree, interleaved, and the same code passes', async () => {
    const dir = await bench(root, ['--ref', 'HEAD']);
    const report = reportSchema.parse(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')));
    const names = report.parameters.targets.map((target) => target.name);
    expect(names).toEqual([expect.stringMatching(/^wave1-lazy@[0-9a-f]{7}$/), 'wave1-lazy', expect.stringMatching(/^optimized@[0-9a-f]{7}$/), 'optimized']);
    const counters = await compare(dir, '--latency', 'off');
    expect(counters.stdout).toContain('gate: PASS');
    expect(counters.code).toBe(0);
    // Timings are compared too, absolute, both sides from one run; whether noise passes
    // is what make calibrate measures, not a test.
    const timed = await compare(dir, '--format', 'json');
    const parsed = JSON.parse(timed.stdout) as { comparison: { metrics: { id: string; basis: string }[] } };
    expect(parsed.comparison.metrics.filter((m) => m.id.startsWith('page-load p50 · optimized · ')).map((m) => m.basis)).toEqual(['absolute', 'absolute']);
  });
});
