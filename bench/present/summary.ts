// Everything report.md and the charts show, derived from a report's raw measurements in
// one pass. Renderers format these figures; they never compute their own.
import { busyReasons } from '../run/machine-load.ts';
import type { Report, SkippedMeasurement } from '../report/schema.ts';
import type { CellSummary } from './cells.ts';
import { cellSummaries } from './cells.ts';
import type { Headline } from './headline.ts';
import { headline } from './headline.ts';
import type { MicroSummary } from './micro.ts';
import { microSummaries } from './micro.ts';
import type { RoundTrips } from './round-trips.ts';
import { roundTrips } from './round-trips.ts';
import type { Breakpoint, FloorDistance, ReferenceCell, StoryWaves } from './story.ts';
import { breakpoints, defaultBudgetMs, floorDistance, storyWaves } from './story.ts';

export type SummaryOptions = {
  // A page slower than this counts as broken in the latency sweep.
  readonly budgetMs?: number;
};

// The page the floor is measured against: both waves, in TypeScript.
export const floorTarget = 'optimized';

export type Summary = {
  readonly targets: readonly string[];
  // Ascending by gid count.
  readonly projects: readonly { readonly code: string; readonly gids: number }[];
  readonly latenciesMs: readonly number[];
  // The headline's size without injected latency: where sizes, floor and bars are read.
  readonly reference: ReferenceCell;
  // The latency sweep's size: where k and the breakpoints are read.
  readonly sweep: ReferenceCell;
  readonly budgetMs: number;
  readonly cells: readonly CellSummary[];
  readonly micro: readonly MicroSummary[];
  readonly skipped: readonly SkippedMeasurement[];
  readonly headline: Headline;
  // Per story and headline latency.
  readonly waves: readonly StoryWaves[];
  readonly floor: FloorDistance | null;
  readonly breakpoints: readonly Breakpoint[];
  readonly roundTrips: readonly RoundTrips[];
  // Why the machine was busy while this ran; empty when it was quiet.
  readonly busy: readonly string[];
};

function cellAt(report: Report, gids: number, injectedMs: number): ReferenceCell {
  const project = report.parameters.projects.find((p) => p.gids === gids)?.code ?? `${gids} gids`;
  return { project, gids, injectedMs };
}

export function summarize(report: Report, options: SummaryOptions = {}): Summary {
  const projects = [...report.parameters.projects].sort((a, b) => a.gids - b.gids);
  const latenciesMs = [...new Set(report.parameters.injectedLatenciesMs)].sort((a, b) => a - b);
  const cells = cellSummaries(report);
  const targets = report.parameters.targets.map((target) => target.name);
  const least = latenciesMs[0] ?? 0;
  const reference = cellAt(report, report.parameters.headline.gids, least);
  const sweep = cellAt(report, report.parameters.latencySweep.size, least);
  const budgetMs = options.budgetMs ?? defaultBudgetMs;
  const micro = microSummaries(report);
  return {
    targets,
    projects,
    latenciesMs,
    reference,
    sweep,
    budgetMs,
    cells,
    micro,
    skipped: report.measurements.filter((m): m is SkippedMeasurement => m.kind === 'skipped'),
    headline: headline(report, cells),
    waves: report.parameters.stories.flatMap((story) =>
      report.parameters.headline.latenciesMs.map((injectedMs) => storyWaves(cells, story, { ...reference, injectedMs })),
    ),
    floor: floorDistance(cells, micro, floorTarget, reference),
    breakpoints: breakpoints(cells, targets, sweep, budgetMs),
    roundTrips: roundTrips(cells, targets, sweep),
    busy: busyReasons(report.machine),
  };
}

export function findCell(summary: Summary, target: string, gids: number, injectedMs: number): CellSummary | undefined {
  return summary.cells.find((c) => c.target === target && c.gids === gids && c.injectedMs === injectedMs);
}
