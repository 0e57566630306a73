// Files for github-action-benchmark's custom tools, which track one number per name across
// commits. The action reads one file per tool, so there are two:
//   github-benchmark-smaller.json (tool: customSmallerIsBetter): page-load p50 and queries per request;
//   github-benchmark-bigger.json  (tool: customBiggerIsBetter):  load requests per second.
// Names are the metric ids of bench/judge/metrics.ts, so a dashboard line and a `make compare`
// line about the same figure carry the same name.
import { cellName } from '../judge/metrics.ts';
import { formatCount, formatMs, significant } from './format.ts';
import type { Summary } from './summary.ts';
import { medianIntervalText } from './verdicts.ts';

// The action's documented entry shape: { name, unit, value, range?, extra? }.
export type BenchmarkEntry = {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  // Shown as the value's ± spread: here half the range between repetitions.
  readonly range?: string;
  // Shown in the tooltip.
  readonly extra?: string;
};

export const githubBenchmarkFiles = {
  smallerIsBetter: 'github-benchmark-smaller.json',
  biggerIsBetter: 'github-benchmark-bigger.json',
} as const;


// One repetition has no spread to show.
function spread(values: readonly number[]): { range?: string } {
  if (values.length < 2) return {};
  return { range: `± ${significant((Math.max(...values) - Math.min(...values)) / 2)}` };
}

export function smallerIsBetter(summary: Summary): BenchmarkEntry[] {
  const pages = summary.cells.flatMap((c) =>
    c.page
      ? [
          {
            name: `page-load p50 · ${cellName(c.target, c.gids, c.injectedMs)}`,
            unit: 'ms',
            value: c.page.median,
            ...spread(c.page.repetitionMediansMs),
            extra: `95 % CI ${medianIntervalText(c.page)} · max ${formatMs(c.page.max)} · ${c.page.repetitionMediansMs.length} repetitions, n = ${c.page.n}`,
          },
        ]
      : [],
  );
  // Counters stand in for every latency they were not measured at; list each measurement once.
  const work = new Map<string, BenchmarkEntry>();
  for (const c of summary.cells) {
    if (c.work === null) continue;
    const name = `select statements per request · settings · ${cellName(c.target, c.gids, c.work.countedAtMs)}`;
    const extra = `workers/request ${c.work.workers === null ? 'not reported' : formatCount(c.work.workers)} · new connections/request ${formatCount(c.work.newConnections)}`;
    if (!work.has(name)) work.set(name, { name, unit: 'statements', value: c.work.queries, extra });
  }
  return [...pages, ...work.values()];
}

export function biggerIsBetter(summary: Summary): BenchmarkEntry[] {
  return summary.cells.flatMap((c) =>
    c.load
      ? [
          {
            name: `load req/s · ${cellName(c.target, c.gids, c.injectedMs)}`,
            unit: 'req/s',
            value: c.load.requestsPerSecond.median,
            ...spread([c.load.requestsPerSecond.min, c.load.requestsPerSecond.max]),
            extra: `${c.load.status} · ${c.load.repetitions} repetitions · errors ${c.load.errors}, timeouts ${c.load.timeouts}, non-2xx ${c.load.non2xx}`,
          },
        ]
      : [],
  );
}
