// Counts the work one request does, so every response can say it in a Server-Timing
// header (the article's Chrome Network investigation, repeatable in any browser).
// AsyncLocalStorage lets the data-access code count without threading a counter
// through every strategy's signature.
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

export type RequestStats = {
  readonly startedAt: number;
  queries: number;
  dbMs: number;
  workers: number;
  newConnections: number;
};

const storage = new AsyncLocalStorage<RequestStats>();

export function newRequestStats(): RequestStats {
  return { startedAt: performance.now(), queries: 0, dbMs: 0, workers: 0, newConnections: 0 };
}

export function runWithStats<T>(stats: RequestStats, fn: () => T): T {
  return storage.run(stats, fn);
}

export function recordQuery(ms: number): void {
  const stats = storage.getStore();
  if (stats === undefined) return;
  stats.queries += 1;
  stats.dbMs += ms;
}

export function recordWorker(): void {
  const stats = storage.getStore();
  if (stats !== undefined) stats.workers += 1;
}

export function recordNewConnection(): void {
  const stats = storage.getStore();
  if (stats !== undefined) stats.newConnections += 1;
}

// db;dur is the summed time of all queries, which can exceed total when workers query
// in parallel. Counts are separate entries so a script can read them back.
export function serverTimingHeader(stats: RequestStats): string {
  const total = performance.now() - stats.startedAt;
  return [
    `db;dur=${stats.dbMs.toFixed(2)};desc="${stats.queries} queries"`,
    `queries;desc=${stats.queries}`,
    `workers;desc=${stats.workers}`,
    `connections;desc=${stats.newConnections}`,
    `total;dur=${total.toFixed(2)}`,
  ].join(', ');
}

export type ServerTiming = {
  readonly dbMs: number;
  readonly queries: number;
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
    workers: count('workers'),
    connections: count('connections'),
    totalMs: entries.get('total')?.dur ?? Number.NaN,
  };
}
