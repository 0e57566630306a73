// The Flask peer traced into the same format as our servers (peers/flask/tracing.py):
// `node bench/tools/trace/cli.ts` on three of its stages against the shared test database, each
// trace read back by the same reader, held to the work its stage does (the command
// itself refuses a trace the database's counters disagree with), the N + 1 found under
// the article's own function name, and a thread's connection and query under its thread.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { findNPlusOne } from '../../bench/tools/trace/n-plus-one.ts';
import { parseOtlp, spansOf } from '../../bench/tools/trace/otlp.ts';
import type { TraceSpan } from '../../bench/tools/trace/otlp.ts';
import { traceRules } from '../../bench/tools/trace/rules.ts';
import { spanRole } from '../../bench/tools/trace/span-role.ts';
import { requireFlaskPeer, skipFlaskPeer } from '../support/flask-peer.ts';
import { sharedDatabaseEnv } from '../support/harness-env.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const n = Math.min(...inject('testConfig').projectSizes);
let outDir: string;
let stdout: string;

beforeAll(async () => {
  if (skipFlaskPeer) return;
  requireFlaskPeer();
  outDir = await mkdtemp(join(tmpdir(), 'flask-trace-'));
  const args = ['bench/tools/trace/cli.ts', '--targets', 'flask-before,flask-wave1,flask-after', '--sizes', String(n), '--trace-out', outDir];
  ({ stdout } = await run(process.execPath, args, { cwd: root, env: sharedDatabaseEnv(), maxBuffer: 16 * 2 ** 20 }));
}, 300_000);

afterAll(async () => {
  if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
});

async function traceOf(target: string): Promise<TraceSpan[]> {
  return spansOf(parseOtlp(await readFile(join(outDir, `${target}-${n}gids.otlp.json`), 'utf8')));
}

const counts = (spans: readonly TraceSpan[]): number[] =>
  ['query', 'connection', 'thread'].map((role) => spans.filter((span) => spanRole(span) === role).length);

describe.skipIf(skipFlaskPeer)('make trace on the Flask peer', () => {
  it('flask-before: 1 + 2N queries, N connections, N threads, each thread\'s work under it', async () => {
    const spans = await traceOf('flask-before');
    expect(counts(spans)).toEqual([1 + 2 * n, n, n]);
    const threads = new Map(spans.filter((span) => spanRole(span) === 'thread').map((span) => [span.spanId, span]));
    const inThreads = spans.filter((span) => threads.has(span.parentSpanId ?? ''));
    expect(inThreads.map(spanRole).sort()).toEqual([...Array(n).fill('connection'), ...Array(n).fill('query')]);
    for (const thread of threads.values()) expect(typeof thread.attributes.get('app.gid')).toBe('number');
    const server = spans.find((span) => span.kind === 'server');
    expect(server?.name).toBe('GET /api/projects/:code/settings');
    expect(server?.service).toBe('settings-api-flask-before');
    expect(spans.find((span) => span.spanId === server?.parentSpanId)?.service).toBe('settings-bench');
  });

  it('flask-wave1 and flask-after: the page and its /max-cpus, no connection, no thread', async () => {
    expect(counts(await traceOf('flask-wave1'))).toEqual([1 + n + 1 + 1, 0, 0]);
    expect(counts(await traceOf('flask-after'))).toEqual([4, 0, 0]);
    expect(stdout.match(/\(the database counted the same\)/g)).toHaveLength(3);
  });

  it('finds the N + 1 under get_group_profile_settings, with the statement\'s values left out', async () => {
    for (const target of ['flask-before', 'flask-wave1']) {
      const found = findNPlusOne(await traceOf(target), traceRules.nPlusOne);
      expect(found.map((run) => [run.spans.length, run.parent?.name]), target).toEqual([[n, 'get_group_profile_settings']]);
      expect(found[0]?.statement).toMatch(/^SELECT .* FROM profile_settings WHERE profile_settings\.name = \? LIMIT \?$/);
    }
    expect(findNPlusOne(await traceOf('flask-after'), traceRules.nPlusOne)).toEqual([]);
    const statements = (await traceOf('flask-after')).flatMap((span) => String(span.attributes.get('db.query.text') ?? ''));
    expect(statements.filter((text) => text.includes(' IN (?)'))).toHaveLength(2);
  });
});
