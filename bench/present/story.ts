// The figures that retell the article beyond the headline: each story's waves in both
// orders, how close the page got to one raw query, and where each target breaks.
import type { ChangeInterval } from '../judge/stats/change-interval.ts';
import { waveShares } from '../judge/stats/wave-shares.ts';
import type { Share } from '../judge/stats/wave-shares.ts';
import type { CellSummary, PageFigures } from './cells.ts';
import { alpha } from './figures.ts';
import { formatMs, formatTickMs } from './format.ts';
import type { StoryDefinition } from './headline.ts';
import type { MicroSummary } from './micro.ts';
import { floorTask } from './micro.ts';
import { speedup } from './ratios.ts';

// Nielsen's limit for keeping a user's flow of thought: past 1 s a page feels broken.
export const defaultBudgetMs = 1000;

// Where a figure is read: a project and an injected latency.
export type ReferenceCell = { readonly project: string; readonly gids: number; readonly injectedMs: number };

export type WaveStep = {
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly fromPage: PageFigures;
  readonly toPage: PageFigures;
  readonly savedMs: number;
  // from / to: above 1 when the step made the page faster.
  readonly speedup: ChangeInterval;
  // Of the story's whole before → after gain, with its interval.
  readonly share: Share;
};

export type WavePath = { readonly label: string; readonly steps: readonly [WaveStep, WaveStep] };

export type StoryWaves = {
  readonly story: StoryDefinition;
  readonly at: ReferenceCell;
  // The article's order first; wave 2 first when the story has that target.
  readonly paths: readonly WavePath[];
  // Targets of the story without a page at this cell: their paths are left out.
  readonly missing: readonly string[];
};

export type FloorDistance = {
  readonly page: PageFigures;
  readonly floorMs: number;
  readonly floorGids: number;
  readonly floorInjectedMs: number;
  readonly ratio: number;
  readonly overheadMs: number;
};

export type Breakpoint = {
  readonly target: string;
  // First injected latency at which the target is broken; null if it never is in the sweep.
  readonly injectedMs: number | null;
  readonly reason: string | null;
};

const wave1Label = 'wave 1: max CPU on demand';
const wave2Label = 'wave 2: settings in one IN query';

function pageAt(cells: readonly CellSummary[], target: string, at: ReferenceCell): PageFigures | null {
  return cells.find((c) => c.target === target && c.gids === at.gids && c.injectedMs === at.injectedMs)?.page ?? null;
}

function path(label: string, names: readonly [string, string, string], pages: readonly [PageFigures, PageFigures, PageFigures], labels: readonly [string, string]): WavePath {
  const shares = waveShares(pages[0].samplesMs, pages[1].samplesMs, pages[2].samplesMs, alpha);
  const step = (index: 0 | 1, share: Share): WaveStep => ({
    label: labels[index],
    from: names[index],
    to: names[index + 1] as string,
    fromPage: pages[index],
    toPage: pages[index + 1] as PageFigures,
    savedMs: pages[index].median - (pages[index + 1] as PageFigures).median,
    speedup: speedup(pages[index], pages[index + 1] as PageFigures),
    share,
  });
  return { label, steps: [step(0, shares.first), step(1, shares.second)] };
}

export function storyWaves(cells: readonly CellSummary[], story: StoryDefinition, at: ReferenceCell): StoryWaves {
  const names = [story.before, story.wave1, story.after, ...(story.wave2 === null ? [] : [story.wave2])];
  const pages = new Map(names.map((name) => [name, pageAt(cells, name, at)]));
  const missing = names.filter((name) => pages.get(name) === null);
  const before = pages.get(story.before) ?? null;
  const after = pages.get(story.after) ?? null;
  const paths: WavePath[] = [];
  if (before !== null && after !== null) {
    const wave1 = pages.get(story.wave1) ?? null;
    if (wave1 !== null) {
      paths.push(path("The article's order: wave 1, then wave 2", [story.before, story.wave1, story.after], [before, wave1, after], [wave1Label, wave2Label]));
    }
    const wave2 = story.wave2 === null ? null : (pages.get(story.wave2) ?? null);
    if (story.wave2 !== null && wave2 !== null) {
      paths.push(path('Wave 2 first', [story.before, story.wave2, story.after], [before, wave2, after], [wave2Label, wave1Label]));
    }
  }
  return { story, at, paths, missing };
}

// The same gid count if the micro-benchmarks measured it, else the nearest on a log scale
// (100 is nearer to 1000 than 10 is); the same injected latency when there is one.
export function floorDistance(cells: readonly CellSummary[], micro: readonly MicroSummary[], target: string, at: ReferenceCell): FloorDistance | null {
  const page = pageAt(cells, target, at);
  const floors = micro.filter((m) => m.task === floorTask);
  const sameLatency = floors.filter((m) => m.injectedMs === at.injectedMs);
  const pool = sameLatency.length > 0 ? sameLatency : floors;
  const distance = (m: MicroSummary): number => Math.abs(Math.log(m.gids / at.gids));
  const nearest = [...pool].sort((a, b) => distance(a) - distance(b) || b.gids - a.gids || a.injectedMs - b.injectedMs)[0];
  if (page === null || nearest === undefined) return null;
  return {
    page,
    floorMs: nearest.figures.median,
    floorGids: nearest.gids,
    floorInjectedMs: nearest.injectedMs,
    ratio: page.median / nearest.figures.median,
    overheadMs: page.median - nearest.figures.median,
  };
}

// Over the budget means its median is; when the median's interval reaches below the
// budget the reason says so, as the data cannot tell which side the page is on.
function brokenBecause(cell: CellSummary, budgetMs: number): string | null {
  const reasons = cell.skipped.map((skip) => `${skip.step} skipped: ${skip.reason}`);
  const page = cell.page;
  if (page && page.median > budgetMs) {
    const straddles = page.interval.kind === 'interval' && page.interval.low <= budgetMs;
    const suffix = straddles ? ` (its interval reaches ${formatMs(page.interval.low)}: not clearly over)` : '';
    reasons.push(`page median ${formatMs(page.median)} (n = ${page.n}) is over the ${formatTickMs(budgetMs)} budget${suffix}`);
  }
  const load = cell.load;
  if (load && load.status === 'saturated') reasons.push('under load no request completed (saturated)');
  if (load && load.errors + load.timeouts + load.non2xx > 0) {
    reasons.push(`under load ${load.errors} errors, ${load.timeouts} timeouts, ${load.non2xx} non-2xx`);
  }
  return reasons.length > 0 ? reasons.join('; ') : null;
}

// Along the latency sweep: the first latency at which a target misses the budget, fails
// under load, or had to be skipped.
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
