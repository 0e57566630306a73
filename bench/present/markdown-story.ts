// The story sections of report.md: headline, waves, round trips, floor, breakpoints.
import { formatCount, formatMs, formatTickMs, formatTimes, significant } from './format.ts';
import type { Side } from './headline.ts';
import { footnotes, left, right, table } from './markdown-table.ts';
import type { Footnotes } from './markdown-table.ts';
import { floorTask } from './micro.ts';
import { handshakeRoundTrips } from './round-trips.ts';
import type { WavePath } from './story.ts';
import type { Summary } from './summary.ts';
import { medianText, ratioText, shareText } from './verdicts.ts';

const dash = '—';

function sideText(side: Side, notes: Footnotes): string {
  if (side.page !== null) return medianText(side.page);
  return `not timed ${notes.mark(`${side.target}: ${side.why ?? 'not measured'}`)}`;
}

function whyNoRatio(sides: readonly Side[]): string {
  return sides.some((side) => side.page === null) ? dash : 'too few samples';
}

export function headlineSection(summary: Summary): string {
  const { article, rows, gids, project } = summary.headline;
  const notes = footnotes();
  const storyRows = rows.map((row) => [
    `${row.story.label}: ${row.story.before} → ${row.story.after}`,
    `+${row.injectedMs} ms`,
    sideText(row.before, notes),
    sideText(row.after, notes),
    row.ratio === null ? whyNoRatio([row.before, row.after]) : ratioText(row.ratio),
    row.shares === null ? whyNoRatio([row.before, row.wave1, row.after]) : shareText(row.shares.first),
    row.shares === null ? whyNoRatio([row.before, row.wave1, row.after]) : shareText(row.shares.second),
  ]);
  const stories = rows.length === 0
    ? ['No story was measured: each needs its before, wave 1 and after among the targets (bench/run/stories.ts).', '']
    : [];
  return [
    '## Headline',
    '',
    `Page load medians at ${project} (${gids} gids), without injected latency and at a realistic app↔DB round trip ` +
      '(RTT; same-zone cloud RTTs are 0.26–0.41 ms). before / after and the waves\' shares of the gain (wave 1: max CPU on demand, ' +
      "then wave 2: one IN query, the article's order) carry 95 % intervals; `~` marks one that cannot be told from no difference.",
    '',
    ...stories,
    table(
      [left('stack'), right('RTT'), right('before'), right('after'), right('before / after'), right('wave 1 share'), right('wave 2 share')],
      [
        ['the article (production; gid count not given)', dash, formatMs(article.beforeMs), formatMs(article.afterMs), formatTimes(article.speedup), 'not published', 'not published'],
        ...storyRows,
      ],
    ),
    ...(notes.lines().length > 0 ? ['', ...notes.lines()] : []),
  ].join('\n');
}

function pathTable(path: WavePath): string {
  return table(
    [left('step'), left('from → to'), right('page medians'), right('saved'), right('step speedup'), right('share of the gain')],
    path.steps.map((step) => [
      step.label,
      `${step.from} → ${step.to}`,
      `${formatMs(step.fromPage.median)} → ${formatMs(step.toPage.median)}`,
      formatMs(step.savedMs),
      ratioText(step.speedup),
      shareText(step.share),
    ]),
  );
}

export function wavesSection(summary: Summary): string {
  if (summary.waves.length === 0) return ['## Wave attribution', '', 'No story was measured in this run.'].join('\n');
  const parts = summary.waves.flatMap((waves) => {
    const where = `${waves.at.project} (${waves.at.gids} gids), +${waves.at.injectedMs} ms`;
    const heading = `### ${waves.story.label}, ${where}`;
    if (waves.paths.length === 0) {
      return [heading, '', `Not available: needs page loads of ${waves.story.before}, ${waves.story.wave1} and ${waves.story.after} here; not timed: ${waves.missing.join(', ')}.`, ''];
    }
    const missing = waves.missing.length > 0 ? [`Not timed here, so their path is left out: ${waves.missing.join(', ')}.`, ''] : [];
    return [heading, '', ...waves.paths.flatMap((path) => [`**${path.label}**`, '', pathTable(path), '']), ...missing];
  });
  return [
    '## Wave attribution',
    '',
    "Each step's share is of its story's whole before → after gain, with a 95 % interval (two Hodges–Lehmann ratio intervals " +
      'at 97.5 % each, joined by Bonferroni); the other order shows what a wave is worth when the other is already done.',
    '',
    ...parts,
  ].join('\n').trimEnd();
}

export function roundTripsSection(summary: Summary): string {
  const at = summary.sweep;
  const timed = summary.cells.filter((c) => c.gids === at.gids && c.page !== null).map((c) => c.injectedMs);
  const latencies = [...new Set(timed)].sort((a, b) => a - b).join(', ');
  const rows = summary.roundTrips.map((trips) => {
    const work = summary.cells.find((c) => c.target === trips.target && c.gids === at.gids && c.work !== null)?.work;
    const fit = trips.fit;
    const k = fit === null
      ? `none: ${trips.why ?? ''}`
      : fit.low === null || fit.high === null
        ? `${significant(fit.slope)} (no 95 % interval from ${fit.points} samples)`
        : `${significant(fit.slope)} [${significant(fit.low)}–${significant(fit.high)}]`;
    const verdict = trips.agrees === null ? dash : trips.agrees ? 'agrees' : `**disagrees**: ${trips.disagreement ?? ''}`;
    return [
      trips.target,
      k,
      fit === null ? dash : formatMs(Math.max(fit.intercept, 0)),
      fit === null ? dash : String(fit.points),
      trips.expected === null ? dash : `${formatCount(trips.expected.value)} ± ${significant(trips.expected.tolerance)} (${trips.expected.basis})`,
      work ? String(Number(work.queries.toFixed(1))) : dash,
      work ? String(Number(work.newConnections.toFixed(1))) : dash,
      verdict,
    ];
  });
  return [
    '## Round trips on the critical path',
    '',
    `**RTT** is the injected app↔DB round-trip time: the latency proxy holds every chunk the database sends back for that long, once, ` +
      'so each query, and each step of a new connection\'s handshake, waits for it once. Fitting page time = a + k · RTT over every sample ' +
      `of ${at.project} (${at.gids} gids) at +${latencies} ms (Theil–Sen, 95 % interval for k from Kendall's tau) reads k, the database round trips ` +
      'the page waits for one after another. The counted work predicts it: queries on connections the server already had, one after another, ' +
      `plus, when the page opens connections of its own (they run at once), ${handshakeRoundTrips + 1} more (greeting, login, query). ` +
      'A k whose interval misses that prediction (± its tolerance) is flagged.',
    '',
    table(
      [left('target'), right('k [95 % CI]'), right('a (fitted page at 0 ms)'), right('samples'), right('expected from the counters'), right('queries/request'), right('new connections/request'), left('k vs counters')],
      rows,
    ),
  ].join('\n');
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
    `The optimized page (median ${medianText(floor.page)}) against one raw \`IN\` query for ${gids} ` +
      `(micro task '${floorTask}': median ${formatMs(floor.floorMs)} at +${floor.floorInjectedMs} ms): ` +
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
    `Along the latency sweep of ${at.project} (${at.gids} gids): the first injected latency at which the page median ` +
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
