// Counts the work one request does, so every response can say it in a Server-Timing
// header (the article's Chrome Network investigation, repeatable in any browser).
// AsyncLocalStorage lets the data-access code count without threading a counter
// through every strategy's signature.
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

export type RequestStats = {
  readonly startedAt: number;
  // Each query's [start, end] on this thread's performance clock.
  readonly queryIntervals: [number, number][];
  workers: number;
  newConnections: number;
};

const storage = new AsyncLocalStorage<RequestStats>();

export function newRequestStats(): RequestStats {
  return { startedAt: performance.now(), queryIntervals: [], workers: 0, newConnections: 0 };
}

export function runWithStats<T>(stats: RequestStats, fn: () => T): T {
  return storage.run(stats, fn);
}

export function recordQuery(startedAt: number, endedAt: number): void {
  storage.getStore()?.queryIntervals.push([startedAt, endedAt]);
}

export function recordWorker(): void {
  const stats = storage.getStore();
  if (stats !== undefined) stats.workers += 1;
}

export function recordNewConnection(): void {
  const stats = storage.getStore();
  if (stats !== undefined) stats.newConnections += 1;
}

// Time during which at least one query was running: what the request waited for the
// database. Queries run by parallel threads overlap, so this is less than their sum.
export function waitedMs(intervals: readonly (readonly [number, number])[]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let open: [number, number] | undefined;
  for (const [start, end] of sorted) {
    if (open !== undefined && start <= open[1]) open[1] = Math.max(open[1], end);
    else {
      if (open !== undefined) total += open[1] - open[0];
      open = [start, end];
    }
  }
  return open === undefined ? total : total + open[1] - open[0];
}

// db: wall time waiting for the database (never more than total); queries: how many, and
// their summed time (more than db when threads query in parallel). Counts are separate
// entries so a script can read them back.
export function serverTimingHeader(stats: RequestStats): string {
  const total = performance.now() - stats.startedAt;
  const summed = stats.queryIntervals.reduce((sum, [start, end]) => sum + (end - start), 0);
  return [
    `db;dur=${waitedMs(stats.queryIntervals).toFixed(2)};desc="waiting for the database"`,
    `queries;dur=${summed.toFixed(2)};desc=${stats.queryIntervals.length}`,
    `workers;desc=${stats.workers}`,
    `connections;desc=${stats.newConnections}`,
    `total;dur=${total.toFixed(2)}`,
  ].join(', ');
}

export type ServerTiming = {
  readonly dbMs: number;
  readonly queries: number;
  readonly queryMs: number;
  readonly workers: number;
  readonly connections: number;
  readonly totalMs: number;
};

export function parseServerTiming(header: string): ServerTiming {
  const entries = new Map<string, { dur?: number; desc?: string }>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (name === undefined) continue;
    const entry: { dur?: number; desc?: string } = {};
    for (const param of params) {
      const [key, value = ''] = param.split('=');
      if (key === 'dur') entry.dur = Number(value);
      if (key === 'desc') entry.desc = value.replace(/^"|"$/g, '');
    }
    entries.set(name, entry);
  }
  const count = (name: string): number => Number(entries.get(name)?.desc ?? Number.NaN);
  return {
    dbMs: entries.get('db')?.dur ?? Number.NaN,
    queries: count('queries'),
    queryMs: entries.get('queries')?.dur ?? Number.NaN,
    workers: count('workers'),
    connections: count('connections'),
    totalMs: entries.get('total')?.dur ?? Number.NaN,
  };
}
