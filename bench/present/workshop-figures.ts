// The figures docs/workshop.md may quote, looked up in one run's summary. A figure the
// run does not have throws: the workshop must never show "undefined", "NaN" or a guess.
import type { Report } from '../report/schema.ts';
import type { CellSummary } from './cells.ts';
import type { Summary } from './summary.ts';
import { findCell, summarize } from './summary.ts';
import type { FoldedStacks } from './workshop-profiles.ts';

export type SweepProject = { readonly code: string; readonly gids: number };

export type WorkshopFigures = {
  readonly report: Report;
  readonly summary: Summary;
  // The project the latency sweep ran on, or null when no page of it was timed at two latencies.
  readonly sweep: SweepProject | null;
  // The reference's CPU flame graphs at the headline's size, by variant (make profile).
  readonly profiles: ReadonlyMap<string, FoldedStacks>;
};

// Thrown for a figure the grammar knows but this run lacks; the renderer adds the placeholder.
export function missing(what: string): never {
  throw new Error(`not in this run: ${what}`);
}

export function known(value: number | null | undefined, what: string): number {
  if (value === null || value === undefined || !Number.isFinite(value)) missing(what);
  return value;
}

export function sweepOf(figures: WorkshopFigures): SweepProject {
  return figures.sweep ?? missing('a latency sweep (pages timed at two or more injected latencies)');
}

export function workshopFigures(report: Report, profiles: ReadonlyMap<string, FoldedStacks> = new Map()): WorkshopFigures {
  const summary = summarize(report);
  const at = summary.sweep;
  const latencies = new Set(summary.cells.filter((c) => c.gids === at.gids && c.page !== null).map((c) => c.injectedMs));
  return { report, summary, sweep: latencies.size > 1 ? { code: at.project, gids: at.gids } : null, profiles };
}

// A size is a gid count, `ref` (the headline's size) or `sweep` (the latency sweep's
// project). Aliases keep the template valid for any suite.
export function sizeOf(figures: WorkshopFigures, token: string): number {
  if (token === 'ref') return figures.summary.reference.gids;
  if (token === 'sweep') return sweepOf(figures).gids;
  const gids = Number(token);
  if (!figures.summary.projects.some((project) => project.gids === gids)) missing(`a project of ${token} gids`);
  return gids;
}

export function projectAt(figures: WorkshopFigures, gids: number): string {
  return (figures.summary.projects.find((project) => project.gids === gids) ?? missing(`a project of ${gids} gids`)).code;
}

// No token: the least injected latency, where the story is told. `max`: the largest
// measured; `rtt`: the headline's realistic round trip (its largest latency).
export function latencyOf(figures: WorkshopFigures, token: string | undefined): number {
  const latencies = figures.summary.latenciesMs;
  if (token === undefined) return figures.summary.reference.injectedMs;
  if (token === 'max') return known(latencies.at(-1), 'an injected latency');
  if (token === 'rtt') return known(Math.max(...figures.report.parameters.headline.latenciesMs), 'the headline\'s round trip');
  const ms = Number(token);
  if (!latencies.includes(ms)) missing(`an injected latency of ${token} ms (measured: ${latencies.join(', ')} ms)`);
  return ms;
}

export function cellOf(figures: WorkshopFigures, target: string, gids: number, injectedMs: number): CellSummary {
  if (!figures.summary.targets.includes(target)) missing(`the target ${target}`);
  return findCell(figures.summary, target, gids, injectedMs) ?? missing(`${target} at ${gids} gids, +${injectedMs} ms`);
}
