// Everything report.md and the charts show, derived from a report's raw measurements in
// one pass. Renderers format these figures; they never compute their own.
import type { Report, SkippedMeasurement } from '../report-schema.ts';
import type { CellSummary } from './cells.ts';
import { cellSummaries } from './cells.ts';
import type { MicroSummary } from './micro.ts';
import { microSummaries } from './micro.ts';
import type { Breakpoint, FloorDistance, Headline, ReferenceCell, WaveAttribution } from './story.ts';
import { breakpoints, defaultBudgetMs, floorDistance, headline, waveAttribution } from './story.ts';

export type SummaryOptions = {
  // A page slower than this counts as broken in the latency sweep.
  readonly budgetMs?: number;
};

export type Summary = {
  readonly targets: readonly string[];
  // Ascending by gid count.
  readonly projects: readonly { readonly code: string; readonly gids: number }[];
  readonly latenciesMs: readonly number[];
  // Where the headline, waves and floor are told; see referenceCell.
  readonly reference: ReferenceCell;
  // The project timed at the most injected latencies: where the breakpoints are read.
  readonly sweep: ReferenceCell;
  readonly budgetMs: number;
  readonly cells: readonly CellSummary[];
  readonly micro: readonly MicroSummary[];
  readonly skipped: readonly SkippedMeasurement[];
  readonly waves: WaveAttribution | null;
  readonly floor: FloorDistance | null;
  readonly headline: Headline;
  readonly breakpoints: readonly Breakpoint[];
};

type Project = Summary['projects'][number];

// The story is told at the least injected latency, for the largest project that has both
// ends of it (baseline and optimized page loads): a baseline too slow to measure at the
// largest size must not empty the headline.
function referenceCell(cells: readonly CellSummary[], projects: readonly Project[], injectedMs: number): ReferenceCell {
  const measured = (target: string, gids: number): boolean =>
    cells.some((c) => c.target === target && c.gids === gids && c.injectedMs === injectedMs && c.page !== null);
  const complete = projects.filter((p) => measured('baseline', p.gids) && measured('optimized', p.gids));
  const project = (complete.at(-1) ?? projects.at(-1)) as Project; // the schema requires a project
  return { project: project.code, gids: project.gids, injectedMs };
}

function sweepCell(cells: readonly CellSummary[], reference: ReferenceCell): ReferenceCell {
  const latencies = (gids: number): number => new Set(cells.filter((c) => c.gids === gids && c.page !== null).map((c) => c.injectedMs)).size;
  const best = [...new Set(cells.map((c) => c.gids))].reduce(
    (chosen, gids) => (latencies(gids) > latencies(chosen) ? gids : chosen),
    reference.gids,
  );
  const project = cells.find((c) => c.gids === best)?.project ?? reference.project;
  return { project, gids: best, injectedMs: reference.injectedMs };
}

export function summarize(report: Report, options: SummaryOptions = {}): Summary {
  const projects = [...report.parameters.projects].sort((a, b) => a.gids - b.gids);
  const latenciesMs = [...new Set(report.parameters.injectedLatenciesMs)].sort((a, b) => a - b);
  const cells = cellSummaries(report);
  const reference = referenceCell(cells, projects, latenciesMs[0] ?? 0);
  const budgetMs = options.budgetMs ?? defaultBudgetMs;
  const micro = microSummaries(report);
  return {
    targets: report.parameters.targets.map((target) => target.name),
    projects,
    latenciesMs,
    reference,
    sweep: sweepCell(cells, reference),
    budgetMs,
    cells,
    micro,
    skipped: report.measurements.filter((m): m is SkippedMeasurement => m.kind === 'skipped'),
    waves: waveAttribution(cells, reference),
    floor: floorDistance(cells, micro, reference),
    headline: headline(cells, reference),
    breakpoints: breakpoints(cells, report.parameters.targets.map((target) => target.name), sweepCell(cells, reference), budgetMs),
  };
}

export function findCell(summary: Summary, target: string, gids: number, injectedMs: number): CellSummary | undefined {
  return summary.cells.find((c) => c.target === target && c.gids === gids && c.injectedMs === injectedMs);
}
