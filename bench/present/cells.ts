// Figures of one cell (target × project size × injected latency), computed from the raw
// measurements every time: a report stores samples, never a figure typed in by hand.
import { mergeHistograms } from '../measure/latency-histogram.ts';
import type {
  CountersMeasurement,
  LoadMeasurement,
  OpenLoadMeasurement,
  PageLoadMeasurement,
  Report,
  SkippedMeasurement,
} from '../report/schema.ts';
import { median } from '../judge/stats/descriptive.ts';
import { sampleFigures } from './figures.ts';
import type { SampleFigures } from './figures.ts';
import { histogramFigures } from './histogram-figures.ts';
import type { HistogramFigures } from './histogram-figures.ts';

export type PageFigures = SampleFigures & {
  // Every sample of every repetition: the unit the report's intervals and ratios use.
  readonly samplesMs: readonly number[];
  // One median per repetition: the unit a comparison of two runs tests.
  readonly repetitionMediansMs: readonly number[];
};

// Nothing answered is not a fast server: a closed loop with a repetition that completed
// no request is saturated, one with failed requests is failing.
export type LoadStatus = 'ok' | 'failing' | 'saturated';

export type LoadFigures = {
  readonly repetitions: number;
  // req/s, one value per repetition.
  readonly requestsPerSecond: SampleFigures;
  // All repetitions' answers, merged.
  readonly latency: HistogramFigures | null;
  // Totals over repetitions: one failed request is worth showing.
  readonly requests: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly status: LoadStatus;
};

// An open loop also falls behind: requests dropped, or more than a twentieth sent late.
export type OpenLoadStatus = LoadStatus | 'behind';

export type OpenLoadFigures = {
  readonly capacityPercent: number;
  readonly capacityPerSecond: number;
  readonly offeredPerSecond: number;
  readonly scheduled: number;
  readonly sent: number;
  readonly completed: number;
  readonly achievedPerSecond: number;
  readonly dropped: number;
  readonly late: number;
  readonly timeouts: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly uncorrected: HistogramFigures | null;
  readonly corrected: HistogramFigures | null;
  readonly status: OpenLoadStatus;
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
  readonly openLoads: readonly OpenLoadFigures[];
  readonly work: WorkFigures | null;
  readonly skipped: readonly SkipNote[];
};

type CellKey = { readonly target: string; readonly gids: number; readonly injectedMs: number };

function inCell(key: CellKey) {
  return (m: CellKey): boolean => m.target === key.target && m.gids === key.gids && m.injectedMs === key.injectedMs;
}

function pageFigures(runs: readonly PageLoadMeasurement[]): PageFigures | null {
  if (runs.length === 0) return null;
  const samplesMs = runs.flatMap((run) => run.samplesMs);
  return { ...sampleFigures(samplesMs), samplesMs, repetitionMediansMs: runs.map((run) => median(run.samplesMs)) };
}

function loadFigures(runs: readonly LoadMeasurement[]): LoadFigures | null {
  if (runs.length === 0) return null;
  const total = (pick: (run: LoadMeasurement) => number): number => runs.reduce((sum, run) => sum + pick(run), 0);
  const requests = total((run) => run.requests);
  const failed = total((run) => run.errors + run.timeouts + run.non2xx);
  return {
    repetitions: runs.length,
    requestsPerSecond: sampleFigures(runs.map((run) => run.requestsPerSecond)),
    latency: histogramFigures(mergeHistograms(runs.map((run) => run.histogram))),
    requests,
    errors: total((run) => run.errors),
    timeouts: total((run) => run.timeouts),
    non2xx: total((run) => run.non2xx),
    // One repetition that completed nothing is a server that stopped answering under this load.
    status: runs.some((run) => run.requests === 0) ? 'saturated' : failed > 0 ? 'failing' : 'ok',
  };
}

function openLoadStatus(run: OpenLoadMeasurement): OpenLoadStatus {
  if (run.completed === 0) return 'saturated';
  if (run.errors + run.timeouts + run.non2xx > 0) return 'failing';
  return run.dropped > 0 || run.late > run.scheduled / 20 ? 'behind' : 'ok';
}

function openLoadFigures(run: OpenLoadMeasurement): OpenLoadFigures {
  return {
    capacityPercent: run.capacityPercent,
    capacityPerSecond: run.capacityPerSecond,
    offeredPerSecond: run.offeredPerSecond,
    scheduled: run.scheduled,
    sent: run.sent,
    completed: run.completed,
    achievedPerSecond: run.completed / Math.max(run.durationSeconds, run.elapsedSeconds),
    dropped: run.dropped,
    late: run.late,
    timeouts: run.timeouts,
    errors: run.errors,
    non2xx: run.non2xx,
    uncorrected: histogramFigures(mergeHistograms([run.uncorrected])),
    corrected: histogramFigures(mergeHistograms([run.corrected])),
    status: openLoadStatus(run),
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

// Every cell of target × project × latency, so lookups never miss; `wasMeasured` says
// which of them a table may show (a size not timed at a latency gets no row).
export function cellSummaries(report: Report): CellSummary[] {
  const pages = report.measurements.filter((m) => m.kind === 'page-load');
  const loads = report.measurements.filter((m) => m.kind === 'load');
  const opens = report.measurements.filter((m) => m.kind === 'open-load');
  const counters = report.measurements.filter((m) => m.kind === 'counters');
  const skips = report.measurements.filter((m) => m.kind === 'skipped');
  const projects = [...report.parameters.projects].sort((a, b) => a.gids - b.gids);
  const latencies = [...new Set(report.parameters.injectedLatenciesMs)].sort((a, b) => a - b);

  return report.parameters.targets.map((t) => t.name).flatMap((target) =>
    projects.flatMap((project) =>
      latencies.map((injectedMs) => {
        const key = { target, gids: project.gids, injectedMs };
        return {
          ...key,
          project: project.code,
          page: pageFigures(pages.filter(inCell(key))),
          load: loadFigures(loads.filter(inCell(key))),
          openLoads: opens.filter(inCell(key)).map(openLoadFigures).sort((a, b) => a.capacityPercent - b.capacityPercent),
          work: workFigures(counters, key),
          skipped: skips.filter(inCell(key)).map(({ step, reason }) => ({ step, reason })),
        };
      }),
    ),
  );
}

// Timed, loaded, skipped with a reason, or (at the least latency) counted.
export function wasMeasured(cell: CellSummary): boolean {
  if (cell.page !== null || cell.load !== null || cell.openLoads.length > 0 || cell.skipped.length > 0) return true;
  return cell.work !== null && cell.work.countedAtMs === cell.injectedMs;
}

// Why a cell has no page figures: the reasons its check or page load was skipped, or
// that nothing was planned there.
export function whyNotTimed(cell: CellSummary | undefined): string {
  const reasons = cell?.skipped.filter((skip) => skip.step === 'check' || skip.step === 'page-load').map((skip) => skip.reason) ?? [];
  return reasons.length > 0 ? [...new Set(reasons)].join('; ') : 'not measured in this run';
}
