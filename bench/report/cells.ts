// Figures of one cell (target × project size × injected latency), computed from the raw
// measurements every time: a report stores samples, never a figure typed in by hand.
import type {
  CountersMeasurement,
  LoadMeasurement,
  PageLoadMeasurement,
  Report,
  SkippedMeasurement,
} from '../report-schema.ts';
import { median, quantile } from '../stats/descriptive.ts';

export const baselineTarget = 'baseline';

export type PageFigures = {
  // Over every sample of every repetition, so p99 has enough samples to mean something.
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly samples: number;
  // One median per repetition: the spread between repetitions.
  readonly repetitionP50sMs: readonly number[];
};

export type LoadFigures = {
  // Medians over repetitions: one slow repetition does not move them.
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly repetitionRequestsPerSecond: readonly number[];
  // Totals over repetitions: one failed request is worth showing.
  readonly requests: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly repetitions: number;
};

export type WorkFigures = {
  readonly queries: number;
  readonly workers: number | null;
  readonly newConnections: number;
  // Work per request does not depend on latency, so counters measured at another
  // injected latency stand in when this one has none; this says which was used.
  readonly countedAtMs: number;
};

export type SkipNote = { readonly step: SkippedMeasurement['step']; readonly reason: string };

export type CellSummary = {
  readonly target: string;
  readonly project: string;
  readonly gids: number;
  readonly injectedMs: number;
  readonly page: PageFigures | null;
  readonly load: LoadFigures | null;
  readonly work: WorkFigures | null;
  // Baseline page p50 / this page p50, same size and latency.
  readonly speedup: number | null;
  readonly skipped: readonly SkipNote[];
};

type CellKey = { readonly target: string; readonly gids: number; readonly injectedMs: number };

function inCell(key: CellKey) {
  return (m: CellKey): boolean => m.target === key.target && m.gids === key.gids && m.injectedMs === key.injectedMs;
}

function pageFigures(runs: readonly PageLoadMeasurement[]): PageFigures | null {
  if (runs.length === 0) return null;
  const samples = runs.flatMap((run) => run.samplesMs);
  return {
    p50Ms: median(samples),
    p99Ms: quantile(samples, 0.99),
    samples: samples.length,
    repetitionP50sMs: runs.map((run) => median(run.samplesMs)),
  };
}

function loadFigures(runs: readonly LoadMeasurement[]): LoadFigures | null {
  if (runs.length === 0) return null;
  const total = (pick: (run: LoadMeasurement) => number): number => runs.reduce((sum, run) => sum + pick(run), 0);
  const rates = runs.map((run) => run.requestsPerSecond);
  return {
    requestsPerSecond: median(rates),
    p99Ms: median(runs.map((run) => run.latency.p99)),
    repetitionRequestsPerSecond: rates,
    requests: total((run) => run.requests),
    errors: total((run) => run.errors),
    timeouts: total((run) => run.timeouts),
    non2xx: total((run) => run.non2xx),
    repetitions: runs.length,
  };
}

// The page route's counters; several measurements of one cell are pooled by request count.
function workFigures(counters: readonly CountersMeasurement[], key: CellKey): WorkFigures | null {
  const candidates = counters.filter((c) => c.route === 'settings' && c.target === key.target && c.gids === key.gids);
  const exact = candidates.filter((c) => c.injectedMs === key.injectedMs);
  const lowest = Math.min(...candidates.map((c) => c.injectedMs));
  const chosen = exact.length > 0 ? exact : candidates.filter((c) => c.injectedMs === lowest);
  const first = chosen[0];
  if (first === undefined) return null;
  const requests = chosen.reduce((sum, c) => sum + c.requests, 0);
  const perRequest = (pick: (c: CountersMeasurement) => number): number =>
    chosen.reduce((sum, c) => sum + pick(c) * c.requests, 0) / requests;
  const reportsWorkers = chosen.every((c) => c.workers !== null);
  return {
    queries: perRequest((c) => c.queries),
    workers: reportsWorkers ? perRequest((c) => c.workers ?? 0) : null,
    newConnections: perRequest((c) => c.newConnections),
    countedAtMs: first.injectedMs,
  };
}

// Every planned cell appears, measured or not, so a skipped target shows as a gap with
// its reason instead of silently vanishing from the tables.
export function cellSummaries(report: Report): CellSummary[] {
  const pages = report.measurements.filter((m) => m.kind === 'page-load');
  const loads = report.measurements.filter((m) => m.kind === 'load');
  const counters = report.measurements.filter((m) => m.kind === 'counters');
  const skips = report.measurements.filter((m) => m.kind === 'skipped');
  const projects = [...report.parameters.projects].sort((a, b) => a.gids - b.gids);
  const latencies = [...new Set(report.parameters.injectedLatenciesMs)].sort((a, b) => a - b);

  const unrated = report.parameters.targets.map((t) => t.name).flatMap((target) =>
    projects.flatMap((project) =>
      latencies.map((injectedMs) => {
        const key = { target, gids: project.gids, injectedMs };
        return {
          ...key,
          project: project.code,
          page: pageFigures(pages.filter(inCell(key))),
          load: loadFigures(loads.filter(inCell(key))),
          work: workFigures(counters, key),
          skipped: skips.filter(inCell(key)).map(({ step, reason }) => ({ step, reason })),
        };
      }),
    ),
  );
  return unrated.map((cell) => {
    const baseline = unrated.find(inCell({ ...cell, target: baselineTarget }));
    const speedup = baseline?.page && cell.page ? baseline.page.p50Ms / cell.page.p50Ms : null;
    return { ...cell, speedup };
  });
}
