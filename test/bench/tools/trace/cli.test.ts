// `node bench/tools/trace/cli.ts` end to end on the shared test database: five targets traced on
// the smallest project, each trace read back from its OTLP file and held to the work
// the page does (test/api/work-done.test.ts counts the same at the database; the command
// itself refuses to write a trace whose queries or connections the database did not
// count), the N + 1 found where the code has one, and every picture well-formed.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { findNPlusOne } from '../../../../bench/tools/trace/n-plus-one.ts';
import { parseOtlp, spansOf } from '../../../../bench/tools/trace/otlp.ts';
import type { TraceSpan } from '../../../../bench/tools/trace/otlp.ts';
import { traceRules } from '../../../../bench/tools/trace/rules.ts';
import { spanRole } from '../../../../bench/tools/trace/span-role.ts';
import { sharedDatabaseEnv } from '../../../support/harness-env.ts';
import { xmlProblems } from '../../present/xml.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const targets = ['baseline', 'thread-pool', 'async-per-gid', 'wave1-lazy', 'optimized'] as const;
const n = Math.min(...inject('testConfig').projectSizes);
let outDir: string;
let stdout: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'trace-cli-'));
  const args = ['bench/tools/trace/cli.ts', '--targets', targets.join(','), '--sizes', String(n), '--trace-out', outDir];
  ({ stdout } = await run(process.execPath, args, { cwd: root, env: sharedDatabaseEnv(), maxBuffer: 16 * 2 ** 20 }));
}, 600_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

async function traceOf(target: string): Promise<TraceSpan[]> {
  return spansOf(parseOtlp(await readFile(join(outDir, `${target}-${n}gids.otlp.json`), 'utf8')));
}

const count = (spans: readonly TraceSpan[], role: string): number => spans.filter((span) => spanRole(span) === role).length;

describe('make trace', () => {
  it('writes a trace, a waterfall and a wall-clock flame graph per target, and a differential graph per neighbours', async () => {
    const files = (await readdir(outDir)).sort();
    for (const target of targets) {
      for (const ending of ['otlp.json', 'waterfall.svg', 'wall.folded', 'wall.svg']) expect(files).toContain(`${target}-${n}gids.${ending}`);
    }
    for (const [index, after] of targets.entries()) {
      if (index > 0) expect(files).toContain(`${targets[index - 1]}-vs-${after}-${n}gids.wall-diff.svg`);
    }
    for (const svg of files.filter((file) => file.endsWith('.svg'))) {
      expect(xmlProblems(await readFile(join(outDir, svg), 'utf8')), svg).toEqual([]);
    }
    expect(stdout.match(/\(the database counted the same\)/g)).toHaveLength(targets.length);
  });

  it('holds one trace per page: the harness\'s page, its requests, and the server\'s spans under them', async () => {
    const spans = await traceOf('wave1-lazy');
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(1);
    const roots = spans.filter((span) => span.parentSpanId === undefined);
    expect(roots.map((span) => [span.name, span.service])).toEqual([['settings page', 'settings-bench']]);
    const servers = spans.filter((span) => span.kind === 'server');
    expect(servers.map((span) => span.name).sort()).toEqual(['GET /api/projects/:code/max-cpus', 'GET /api/projects/:code/settings']);
    for (const server of servers) {
      const parent = spans.find((span) => span.spanId === server.parentSpanId);
      expect(parent?.kind).toBe('client');
      expect(server.service).toBe('settings-api-wave1-lazy');
      expect(server.attributes.get('http.response.status_code')).toBe(200);
    }
  });

  it('baseline: 1 + 2N queries, N connections, N threads, each thread\'s connection and query under it', async () => {
    const spans = await traceOf('baseline');
    expect([count(spans, 'query'), count(spans, 'connection'), count(spans, 'thread')]).toEqual([1 + 2 * n, n, n]);
    const threads = new Map(spans.filter((span) => spanRole(span) === 'thread').map((span) => [span.spanId, span]));
    const inThreads = spans.filter((span) => span.attributes.has('thread.id') && spanRole(span) !== 'thread');
    expect(inThreads).toHaveLength(2 * n);
    for (const span of inThreads) {
      const thread = threads.get(span.parentSpanId ?? '');
      expect(thread?.attributes.get('app.gid')).toBe(span.attributes.get('app.gid'));
      expect(span.startNs >= (thread?.startNs ?? 0n) && span.endNs <= (thread?.endNs ?? 0n)).toBe(true);
    }
  });

  it('thread-pool and async-per-gid: N max-CPU queries without a thread per gid; only async opens N connections', async () => {
    const pooled = await traceOf('thread-pool');
    expect([count(pooled, 'query'), count(pooled, 'connection'), count(pooled, 'thread')]).toEqual([1 + 2 * n, 0, 0]);
    expect(pooled.filter((span) => span.attributes.has('thread.id'))).toHaveLength(n);
    const tasks = await traceOf('async-per-gid');
    expect([count(tasks, 'query'), count(tasks, 'connection'), count(tasks, 'thread')]).toEqual([1 + 2 * n, n, 0]);
  });

  it('wave1-lazy and optimized: the page plus its /max-cpus, no new connection, no thread', async () => {
    expect(count(await traceOf('wave1-lazy'), 'query')).toBe(1 + n + 1 + 1);
    const optimized = await traceOf('optimized');
    expect([count(optimized, 'query'), count(optimized, 'connection'), count(optimized, 'thread')]).toEqual([4, 0, 0]);
  });

  it('finds the N + 1 exactly where the settings are read one gid at a time', async () => {
    for (const target of targets) {
      const found = findNPlusOne(await traceOf(target), traceRules.nPlusOne);
      if (target === 'optimized') {
        expect(found, target).toEqual([]);
        continue;
      }
      expect(found.map((run) => [run.spans.length, run.parent?.name]), target).toEqual([[n, 'getGroupProfileSettings']]);
    }
    expect(stdout).toContain(`N + 1: × ${n} \`SELECT … FROM profile_settings WHERE name = ? LIMIT ?\` under getGroupProfileSettings`);
  });

  it('a server asked to trace where it cannot write says so in one line and exits 1', async () => {
    const failed = await run(process.execPath, ['lib/serve.ts', '--variant', 'optimized', '--trace-file', join(outDir, 'no-such-dir', 'spans.jsonl')], {
      cwd: root, env: sharedDatabaseEnv(),
    }).then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: cannot trace to .*no-such-dir.*: ENOENT/)]);
  });

  it('draws a trace file recorded elsewhere the same way, without a database to check it against', async () => {
    const out = join(outDir, 'rendered');
    const { stdout: rendered } = await run(process.execPath, [
      'bench/tools/trace/render-cli.ts', '--file', join(outDir, `baseline-${n}gids.otlp.json`), '--name', 'again', '--out', out,
    ], { cwd: root });
    expect(rendered).toContain(`${1 + 2 * n} queries, ${n} new connections, ${n} threads (not checked against the database)`);
    expect(rendered).toContain(`N + 1: × ${n} `);
    expect((await readdir(out)).sort()).toEqual(['again.otlp.json', 'again.wall.folded', 'again.wall.svg', 'again.waterfall.svg']);
    expect(await readFile(join(out, 'again.wall.folded'), 'utf8')).toBe(await readFile(join(outDir, `baseline-${n}gids.wall.folded`), 'utf8'));
  });
});
