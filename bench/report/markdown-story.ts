// The story sections of report.md: headline, waves, floor, breakpoints.
import { formatMs, formatPercent, formatTickMs, formatTimes } from './format.ts';
import { left, right, table } from './markdown-table.ts';
import { floorTask } from './micro.ts';
import type { WavePath } from './story.ts';
import type { Summary } from './summary.ts';

const dash = '—';

function msOrDash(value: number | null | undefined): string {
  return value === null || value === undefined ? dash : formatMs(value);
}

export function headlineSection(summary: Summary): string {
  const { article, ours } = summary.headline;
  const at = summary.reference;
  const largest = summary.projects.at(-1);
  const smaller =
    largest !== undefined && largest.gids > at.gids
      ? [`The larger ${largest.code} (${largest.gids} gids) lacks a baseline or optimized page load (see Skipped), so the story is told at ${at.project}.`, '']
      : [];
  return [
    '## Headline',
    '',
    ...smaller,
    table(
      [left(''), right('before'), right('after'), right('speedup')],
      [
        ['the article (production; gid count not given)', formatMs(article.beforeMs), formatMs(article.afterMs), formatTimes(article.speedup)],
        [
          `this run: baseline → optimized, ${at.project} (${at.gids} gids), +${at.injectedMs} ms`,
          msOrDash(ours.beforeMs),
          msOrDash(ours.afterMs),
          ours.speedup === null ? dash : formatTimes(ours.speedup),
        ],
      ],
    ),
  ].join('\n');
}

function pathTable(path: WavePath): string {
  return table(
    [left('step'), left('from → to'), right('page p50'), right('saved'), right('share of total')],
    path.steps.map((step) => [
      step.label,
      `${step.from} → ${step.to}`,
      `${formatMs(step.fromMs)} → ${formatMs(step.toMs)}`,
      formatMs(step.savedMs),
      formatPercent(step.shareOfTotal),
    ]),
  );
}

export function wavesSection(summary: Summary): string {
  const at = summary.reference;
  const where = `${at.project} (${at.gids} gids), +${at.injectedMs} ms`;
  const waves = summary.waves;
  if (waves === null) {
    return ['## Wave attribution', '', `Not available: needs page loads of both baseline and optimized at ${where}.`].join('\n');
  }
  const paths = waves.paths.flatMap((path) => [`**${path.label}**`, '', pathTable(path), '']);
  const missing = waves.missing.length > 0 ? [`Not measured at this size and latency, so their paths are left out: ${waves.missing.join(', ')}.`] : [];
  return [
    '## Wave attribution',
    '',
    `At ${where}: baseline ${formatMs(waves.baselineMs)} → optimized ${formatMs(waves.optimizedMs)}, ` +
      `${formatMs(waves.totalSavedMs)} saved in total. Each step's share is of that total; ` +
      'paths in a different order show how much a wave is worth when the other is already done.',
    '',
    ...paths,
    ...missing,
  ].join('\n').trimEnd();
}

export function floorSection(summary: Summary): string {
  const floor = summary.floor;
  if (floor === null) {
    return ['## Distance to the floor', '', `Not available: needs the optimized page and the micro task '${floorTask}'.`].join('\n');
  }
  const gids =
    floor.floorGids === summary.reference.gids
      ? `the same ${floor.floorGids} gids`
      : `${floor.floorGids} gids, the measured size nearest to ${summary.reference.gids}`;
  return [
    '## Distance to the floor',
    '',
    `The optimized page (p50 ${formatMs(floor.pageMs)}) against one raw \`IN\` query for ${gids} ` +
      `(micro task '${floorTask}': p50 ${formatMs(floor.floorMs)} at +${floor.floorInjectedMs} ms): ` +
      `**${formatTimes(floor.ratio)}** the floor, ${formatMs(floor.overheadMs)} above it ` +
      '(HTTP, JSON, the other queries of the page).',
  ].join('\n');
}

export function breakpointsSection(summary: Summary): string {
  const at = summary.sweep;
  const sweep = `${summary.latenciesMs[0] ?? 0}–${summary.latenciesMs.at(-1) ?? 0} ms`;
  return [
    '## Where each target breaks',
    '',
    `Along the latency sweep of ${at.project} (${at.gids} gids): the first injected latency at which the page p50 ` +
      `is over the ${formatTickMs(summary.budgetMs)} budget, requests fail under load, or the cell had to be skipped.`,
    '',
    table(
      [left('target'), right('breaks at'), left('why')],
      summary.breakpoints.map((point) => [
        point.target,
        point.injectedMs === null ? `not within ${sweep}` : `+${point.injectedMs} ms`,
        point.reason ?? '',
      ]),
    ),
  ].join('\n');
}
