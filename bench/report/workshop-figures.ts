// The figures docs/workshop.md may quote, looked up in one run's summary. A figure the
// run does not have throws: the workshop must never show "undefined", "NaN" or a guess.
import type { Report } from '../report-schema.ts';
import type { CellSummary } from './cells.ts';
import type { Summary } from './summary.ts';
import { findCell, summarize } from './summary.ts';

export type SweepProject = { readonly code: string; readonly gids: number };

export type WorkshopFigures = {
  readonly report: Report;
  readonly summary: Summary;
  // The project the latency sweep ran on, or null when no page was timed at a second latency.
  readonly sweep: SweepProject | null;
};

// Thrown for a figure the grammar knows but this run lacks; the renderer adds the placeholder.
export function missing(what: string): never {
  throw new Error(`not in this run: ${what}`);
}

export function known(value: number | null | undefined, what: string): number {
  if (value === null || value === undefined || !Number.isFinite(value)) missing(what);
  return value;
}

// The report does not record which project the sweep used, so it is read off the data:
// the project with pages timed at the most injected latencies (the larger on a tie).
function sweepProject(summary: Summary): SweepProject | null {
  const latenciesTimed = (gids: number): number =>
    new Set(summary.cells.filter((c) => c.gids === gids && c.page !== null).map((c) => c.injectedMs)).size;
  const ranked = summary.projects
    .map((project) => ({ project, timed: latenciesTimed(project.gids) }))
    .filter((entry) => entry.timed > 1)
    .sort((a, b) => b.timed - a.timed || b.project.gids - a.project.gids);
  return ranked[0]?.project ?? null;
}

export function sweepOf(figures: WorkshopFigures): SweepProject {
  return figures.sweep ?? missing('a latency sweep (pages timed at two or more injected latencies)');
}

export function workshopFigures(report: Report): WorkshopFigures {
  const summary = summarize(report);
  return { report, summary, sweep: sweepProject(summary) };
}

// A size is a gid count, `ref` (where the story is told: the summary's reference cell) or
// `sweep` (the latency sweep's project). Aliases keep the template valid for any profile.
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

// No token: the least injected latency, where the story is told. `max`: the largest swept.
export function latencyOf(figures: WorkshopFigures, token: string | undefined): number {
  const latencies = figures.summary.latenciesMs;
  if (token === undefined) return figures.summary.reference.injectedMs;
  if (token === 'max') return known(latencies.at(-1), 'an injected latency');
  const ms = Number(token);
  if (!latencies.includes(ms)) missing(`an injected latency of ${token} ms (measured: ${latencies.join(', ')} ms)`);
  return ms;
}

export function cellOf(figures: WorkshopFigures, target: string, gids: number, injectedMs: number): CellSummary {
  if (!figures.summary.targets.includes(target)) missing(`the target ${target}`);
  return findCell(figures.summary, target, gids, injectedMs) ?? missing(`${target} at ${gids} gids, +${injectedMs} ms`);
}
