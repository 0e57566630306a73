// The figures that retell the article: how much each wave gave, how close the page got to
// one raw query, our headline next to the article's, and where each target breaks.
import type { CellSummary } from './cells.ts';
import { baselineTarget } from './cells.ts';
import { formatMs, formatTickMs } from './format.ts';
import type { MicroSummary } from './micro.ts';
import { floorTask } from './micro.ts';

// "the same endpoint's response time dropped from 37.6 seconds to 1.47 seconds"
export const articleResult = { beforeMs: 37_600, afterMs: 1_470 } as const;

// Nielsen's limit for keeping a user's flow of thought: past 1 s a page feels broken.
export const defaultBudgetMs = 1000;

// The cell the story is told at: the largest project, with the least injected latency.
export type ReferenceCell = { readonly project: string; readonly gids: number; readonly injectedMs: number };

export type WaveStep = {
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly savedMs: number;
  // Of the whole baseline → optimized reduction; negative when a step made things slower.
  readonly shareOfTotal: number;
};

export type WavePath = { readonly label: string; readonly steps: readonly WaveStep[] };

export type WaveAttribution = {
  readonly baselineMs: number;
  readonly optimizedMs: number;
  readonly totalSavedMs: number;
  // The article's order first, then the alternatives whose targets were measured.
  readonly paths: readonly WavePath[];
  // Targets a path needed but the reference cell has no page p50 for.
  readonly missing: readonly string[];
};

export type FloorDistance = {
  readonly pageMs: number;
  readonly floorMs: number;
  readonly floorGids: number;
  readonly floorInjectedMs: number;
  readonly ratio: number;
  readonly overheadMs: number;
};

export type Headline = {
  readonly article: { readonly beforeMs: number; readonly afterMs: number; readonly speedup: number };
  readonly ours: { readonly beforeMs: number | null; readonly afterMs: number | null; readonly speedup: number | null };
};

export type Breakpoint = {
  readonly target: string;
  // First injected latency at which the target is broken; null if it never is in the sweep.
  readonly injectedMs: number | null;
  readonly reason: string | null;
};

// Each path starts at the baseline and ends where its last step leads.
type PathPlan = { readonly label: string; readonly steps: readonly { readonly label: string; readonly to: string }[] };

const wave1 = 'wave 1: max CPU lazy';
const wave2 = 'wave 2: settings in one IN query';
const pathPlans: readonly PathPlan[] = [
  { label: "The article's order: wave 1, then wave 2", steps: [{ label: wave1, to: 'wave1-lazy' }, { label: wave2, to: 'optimized' }] },
  { label: 'Wave 2 first', steps: [{ label: wave2, to: 'wave2-batched' }, { label: wave1, to: 'optimized' }] },
  { label: 'A thread pool instead of wave 1', steps: [{ label: 'max CPU from reused threads, still eager', to: 'thread-pool' }] },
];

function p50At(cells: readonly CellSummary[], target: string, at: ReferenceCell): number | null {
  const cell = cells.find((c) => c.target === target && c.gids === at.gids && c.injectedMs === at.injectedMs);
  return cell?.page?.p50Ms ?? null;
}

export function waveAttribution(cells: readonly CellSummary[], at: ReferenceCell): WaveAttribution | null {
  const baselineMs = p50At(cells, baselineTarget, at);
  const optimizedMs = p50At(cells, 'optimized', at);
  if (baselineMs === null || optimizedMs === null) return null;
  const totalSavedMs = baselineMs - optimizedMs;
  const missing = new Set<string>();
  const paths: WavePath[] = [];
  for (const plan of pathPlans) {
    const absent = plan.steps.filter((step) => p50At(cells, step.to, at) === null).map((step) => step.to);
    for (const target of absent) missing.add(target);
    if (absent.length > 0) continue;
    let from = baselineTarget;
    let fromMs = baselineMs;
    const steps: WaveStep[] = [];
    for (const { label, to } of plan.steps) {
      const toMs = p50At(cells, to, at) as number; // every `to` was checked just above
      const savedMs = fromMs - toMs;
      steps.push({ label, from, to, fromMs, toMs, savedMs, shareOfTotal: savedMs / totalSavedMs });
      from = to;
      fromMs = toMs;
    }
    paths.push({ label: plan.label, steps });
  }
  return { baselineMs, optimizedMs, totalSavedMs, paths, missing: [...missing] };
}

// The same gid count if the micro-benchmarks measured it, else the nearest on a log scale
// (100 is nearer to 1000 than 10 is); the same injected latency when there is one.
export function floorDistance(cells: readonly CellSummary[], micro: readonly MicroSummary[], at: ReferenceCell): FloorDistance | null {
  const pageMs = p50At(cells, 'optimized', at);
  const floors = micro.filter((m) => m.task === floorTask);
  const sameLatency = floors.filter((m) => m.injectedMs === at.injectedMs);
  const pool = sameLatency.length > 0 ? sameLatency : floors;
  const distance = (m: MicroSummary): number => Math.abs(Math.log(m.gids / at.gids));
  const nearest = [...pool].sort((a, b) => distance(a) - distance(b) || b.gids - a.gids || a.injectedMs - b.injectedMs)[0];
  if (pageMs === null || nearest === undefined) return null;
  return {
    pageMs,
    floorMs: nearest.p50Ms,
    floorGids: nearest.gids,
    floorInjectedMs: nearest.injectedMs,
    ratio: pageMs / nearest.p50Ms,
    overheadMs: pageMs - nearest.p50Ms,
  };
}

export function headline(cells: readonly CellSummary[], at: ReferenceCell): Headline {
  const beforeMs = p50At(cells, baselineTarget, at);
  const afterMs = p50At(cells, 'optimized', at);
  return {
    article: { ...articleResult, speedup: articleResult.beforeMs / articleResult.afterMs },
    ours: { beforeMs, afterMs, speedup: beforeMs !== null && afterMs !== null ? beforeMs / afterMs : null },
  };
}

function brokenBecause(cell: CellSummary, budgetMs: number): string | null {
  const reasons = cell.skipped.map((skip) => `${skip.step} skipped: ${skip.reason}`);
  if (cell.page && cell.page.p50Ms > budgetMs) {
    reasons.push(`page p50 ${formatMs(cell.page.p50Ms)} is over the ${formatTickMs(budgetMs)} budget`);
  }
  const load = cell.load;
  if (load && load.errors + load.timeouts + load.non2xx > 0) {
    reasons.push(`under load ${load.errors} errors, ${load.timeouts} timeouts, ${load.non2xx} non-2xx`);
  }
  return reasons.length > 0 ? reasons.join('; ') : null;
}

// Along the latency sweep of the largest project: the first latency at which a target
// misses the budget, fails under load, or had to be skipped.
export function breakpoints(cells: readonly CellSummary[], targets: readonly string[], at: ReferenceCell, budgetMs: number): Breakpoint[] {
  return targets.map((target) => {
    const sweep = cells
      .filter((c) => c.target === target && c.gids === at.gids)
      .sort((a, b) => a.injectedMs - b.injectedMs);
    for (const cell of sweep) {
      const reason = brokenBecause(cell, budgetMs);
      if (reason !== null) return { target, injectedMs: cell.injectedMs, reason };
    }
    return { target, injectedMs: null, reason: null };
  });
}
