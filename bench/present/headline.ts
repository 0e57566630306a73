// The headline: the article's result, then each stack's story measured in this run
// (bench/run/stories.ts): before, after, their ratio and each wave's share of the gain, at the
// headline size, without injected latency and at a realistic app↔DB round trip. A cell
// that was not timed says why, in the words of the rule that skipped it.
import type { Report } from '../report/schema.ts';
import type { ChangeInterval } from '../judge/stats/change-interval.ts';
import { waveShares } from '../judge/stats/wave-shares.ts';
import type { WaveShares } from '../judge/stats/wave-shares.ts';
import type { CellSummary, PageFigures } from './cells.ts';
import { whyNotTimed } from './cells.ts';
import { alpha } from './figures.ts';
import { speedup } from './ratios.ts';

// "the same endpoint's response time dropped from 37.6 seconds to 1.47 seconds"; the
// article publishes no split between its two waves.
export const articleResult = { beforeMs: 37_600, afterMs: 1_470 } as const;

export type StoryDefinition = Report['parameters']['stories'][number];

export type Side = { readonly target: string; readonly page: PageFigures | null; readonly why: string | null };

export type HeadlineRow = {
  readonly story: StoryDefinition;
  readonly injectedMs: number;
  readonly before: Side;
  readonly wave1: Side;
  readonly after: Side;
  // before / after; null when either side was not timed.
  readonly ratio: ChangeInterval | null;
  // In the article's order (wave 1, then wave 2); null without all three pages.
  readonly shares: WaveShares | null;
};

export type Headline = {
  readonly project: string;
  readonly gids: number;
  readonly article: { readonly beforeMs: number; readonly afterMs: number; readonly speedup: number };
  readonly rows: readonly HeadlineRow[];
};

function side(cells: readonly CellSummary[], target: string, gids: number, injectedMs: number): Side {
  const cell = cells.find((c) => c.target === target && c.gids === gids && c.injectedMs === injectedMs);
  return { target, page: cell?.page ?? null, why: cell?.page ? null : whyNotTimed(cell) };
}

export function storyRow(cells: readonly CellSummary[], story: StoryDefinition, gids: number, injectedMs: number): HeadlineRow {
  const before = side(cells, story.before, gids, injectedMs);
  const wave1 = side(cells, story.wave1, gids, injectedMs);
  const after = side(cells, story.after, gids, injectedMs);
  const ratio = before.page && after.page ? speedup(before.page, after.page) : null;
  const shares = before.page && wave1.page && after.page
    ? waveShares(before.page.samplesMs, wave1.page.samplesMs, after.page.samplesMs, alpha)
    : null;
  return { story, injectedMs, before, wave1, after, ratio, shares };
}

export function headline(report: Report, cells: readonly CellSummary[]): Headline {
  const { gids, latenciesMs } = report.parameters.headline;
  const project = report.parameters.projects.find((p) => p.gids === gids)?.code ?? `${gids} gids`;
  return {
    project,
    gids,
    article: { ...articleResult, speedup: articleResult.beforeMs / articleResult.afterMs },
    rows: report.parameters.stories.flatMap((story) => latenciesMs.map((injectedMs) => storyRow(cells, story, gids, injectedMs))),
  };
}
