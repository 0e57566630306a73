// Runs one variant's server with tracing on, warms it up, then traces one page while the
// database counts what it did, stops the server so it writes its last spans, and hands
// back that one trace (the server's spans and the harness's own) with the counts.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { otlpJson } from '../../../lib/tracing/otlp-file-exporter.ts';
import type { Tracing } from '../../../lib/tracing/provider.ts';
import { onCleanup } from '../../run/cleanup.ts';
import { counterDelta, readDatabaseCounters } from '../../measure/db-status.ts';
import type { DatabaseCounters } from '../../measure/db-status.ts';
import { getHttpJson } from '../../measure/http-json.ts';
import { startTargetProcess } from '../../run/target-process.ts';
import type { Target } from '../../run/targets.ts';
import { parseOtlp, selectTraces } from './otlp.ts';
import type { OtlpRequest } from './otlp.ts';
import { tracePage } from './page-trace.ts';

export type Harness = { readonly tracing: Tracing; readonly spans: InMemorySpanExporter };

export type TraceCaptureOptions = {
  readonly target: Target;
  readonly mysqlUrl: string;
  // Loaded once before the traced page (and its /max-cpus when lazy): pools open, code hot.
  readonly warmUpCode: string;
  readonly project: { readonly code: string; readonly gids: number };
};

export type TraceCapture = {
  readonly trace: OtlpRequest;
  readonly traceId: string;
  // What the database itself counted while the page loaded.
  readonly counted: DatabaseCounters;
};

// Flushing a baseline page's thousands of spans on a busy machine takes a while.
const stopGraceMs = 60_000;

export async function captureTrace(harness: Harness, options: TraceCaptureOptions): Promise<TraceCapture> {
  const dir = await mkdtemp(join(tmpdir(), 'settings-trace-'));
  const removeDir = onCleanup(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'server.otlp.jsonl');
  try {
    const { target } = options;
    const lazy = target.maxCpuOnPage === 'lazy';
    const server = await startTargetProcess({
      name: target.name,
      command: { ...target.command, env: { ...target.command.env, TRACE_FILE: file } },
      mysqlUrl: options.mysqlUrl,
    });
    const stopServer = onCleanup(() => server.stop());
    const admin = await mysql.createConnection({ uri: options.mysqlUrl });
    let page: Awaited<ReturnType<typeof tracePage>>;
    let counted: DatabaseCounters;
    try {
      await warmUp(server.url, options.warmUpCode, lazy);
      const before = await readDatabaseCounters(admin);
      page = await tracePage(harness.tracing.tracer, {
        baseUrl: server.url, name: target.name, projectCode: options.project.code, gids: options.project.gids, lazy,
      });
      counted = counterDelta(before, await readDatabaseCounters(admin));
    } finally {
      await admin.end();
      await server.stop(stopGraceMs);
      stopServer();
    }
    await harness.tracing.flush();
    const own = parseOtlp(otlpJson(harness.spans.getFinishedSpans()), 'harness spans');
    harness.spans.reset();
    const served = parseOtlp(await readFile(file, 'utf8').catch(() => {
      throw new Error(`${target.name} wrote no trace file: does it honour TRACE_FILE (docs/tracing.md)?`);
    }), `${target.name}'s trace file`);
    return { trace: selectTraces([...own, ...served], new Set([page.traceId])), traceId: page.traceId, counted };
  } finally {
    removeDir();
    await rm(dir, { recursive: true, force: true });
  }
}

async function warmUp(baseUrl: string, code: string, lazy: boolean): Promise<void> {
  const page = await getHttpJson(`${baseUrl}/api/projects/${code}/settings`);
  if (page.status !== 200) throw new Error(`warm-up page of ${code} answered ${page.status}`);
  if (!lazy) return;
  const gids = (page.body as { groups: { gid: number }[] }).groups.map((group) => group.gid);
  const maxCpus = await getHttpJson(`${baseUrl}/api/projects/${code}/max-cpus?gids=${gids.join(',')}`);
  if (maxCpus.status !== 200) throw new Error(`warm-up /max-cpus of ${code} answered ${maxCpus.status}`);
}
