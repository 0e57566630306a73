// The measurement sections of report.md: how the figures were sampled, the page-load
// tables, micro-benchmarks and skipped cells.
import type { Report } from '../report/schema.ts';
import { minimumSamplesForInterval } from '../judge/stats/quantile-interval.ts';
import type { CellSummary } from './cells.ts';
import { wasMeasured, whyNotTimed } from './cells.ts';
import { confidence } from './figures.ts';
import type { SampleFigures } from './figures.ts';
import { formatCount, formatMs } from './format.ts';
import { footnotes, left, right, table } from './markdown-table.ts';
import type { Footnotes } from './markdown-table.ts';
import type { Summary } from './summary.ts';
import { medianIntervalText } from './verdicts.ts';

const dash = '—';
const intervalMinimum = minimumSamplesForInterval(0.5, confidence);

// What the interval columns mean, once per report.
export const intervalRule =
  `95 % CI: a distribution-free interval of the median from order statistics (the same ranks as scipy's quantile_test). ` +
  `Below ${intervalMinimum} samples no 95 % interval exists: min–max then covers the median with only 1 − 2·0.5ⁿ confidence ` +
  '(75 % at n = 3, 94 % at n = 5). p99 is printed only from 100 samples; below that, read the max.';

function lines(...parts: string[]): string {
  return parts.join('\n');
}

export function samplingSection(report: Report): string {
  const { pageLoad, headline, latencySweep, load, micro } = report.parameters;
  const open = load.openLoop;
  return lines(
    '## How the figures were sampled',
    '',
    `- **Page load**: ${pageLoad.repetitions} repetitions, targets interleaved (A B A B …), sequential requests on one kept-alive connection, ` +
      'time to last byte. Every timed cell has at least ' +
      `${pageLoad.minSamples} samples. A cell whose first page is fast gets up to ${pageLoad.requestsPerRepetition} requests per repetition, ` +
      `within about ${pageLoad.secondsPerCell} s for the cell, after a warm-up (the check's request). A slow cell gets one request in each of its first ` +
      `${pageLoad.minSamples} repetitions, the check's timing reused as its first sample (a page of minutes has no warm-up to shed). ` +
      `A cell whose ${pageLoad.minSamples} pages would take over ${pageLoad.maxCellSeconds} s is not timed (behind injected latency its page ` +
      `at +0 ms is the lower bound), except the headline's cells at +0 ms: every story's before and after at ${headline.gids} gids, whatever they cost.`,
    `- **Sizes and latencies**: page loads at ${pageLoad.sizes.join(', ')} gids (+0 ms); the latency sweep at ${latencySweep.size} gids over ` +
      `+${latencySweep.latenciesMs.join(', ')} ms; the headline at ${headline.gids} gids over +${headline.latenciesMs.join(', ')} ms.`,
    `- **Load**: closed loop (autocannon), ${load.connections} connections, ${load.repetitions} repetitions of ` +
      `${load.warmupSeconds > 0 ? `${load.warmupSeconds} s warm-up + ` : ''}${load.durationSeconds} s; at ${load.sizes.join(', ')} gids. ` +
      `Open loop: a constant arrival rate at ${open.capacityPercents.join(' % and ')} % of each target's closed-loop capacity ` +
      `(its median req/s), ${open.durationSeconds} s, at most ${open.maxInFlight} requests in flight, ${open.drainSeconds} s for the last answers.`,
    `- **Micro-benchmarks**: ${micro.repetitions} repetitions of about ${micro.timeMs} ms per task, at least ${micro.iterations} iterations after ${micro.warmupIterations} warm-up (tinybench), at ${micro.gidCounts.join(', ')} gids.`,
  );
}

function pageColumns(cell: CellSummary, notes: Footnotes): string[] {
  const page = cell.page;
  if (page === null) return [dash, `not timed ${notes.mark(whyNotTimed(cell))}`, dash, dash, dash];
  return [String(page.n), formatMs(page.median), medianIntervalText(page), formatMs(page.min), formatMs(page.max)];
}

function tailColumn(figures: SampleFigures | null): string {
  return figures?.p99 == null ? dash : formatMs(figures.p99);
}

export function summaryTables(summary: Summary): string {
  const notes = footnotes();
  const perLatency = summary.latenciesMs.flatMap((injectedMs) => {
    const cells = summary.projects.flatMap((project) =>
      summary.cells.filter((c) => c.gids === project.gids && c.injectedMs === injectedMs && wasMeasured(c)),
    );
    if (cells.length === 0) return [];
    const withTail = cells.some((c) => c.page?.p99 != null);
    const columns = [
      left('target'), left('project'), right('n'), right('median'), right('95 % CI'), right('min'), right('max'),
      ...(withTail ? [right('p99')] : []), right('queries/request'), right('workers/request'),
    ];
    const rows = cells.map((c) => [
      c.target,
      `${c.project} (${c.gids} gids)`,
      ...pageColumns(c, notes),
      ...(withTail ? [tailColumn(c.page)] : []),
      c.work ? formatCount(c.work.queries) : dash,
      c.work?.workers != null ? formatCount(c.work.workers) : dash,
    ]);
    return [[`### +${injectedMs} ms injected app↔DB latency`, '', table(columns, rows)].join('\n')];
  });
  return [
    '## Page load and work per request',
    '',
    'Every sample of every repetition of a cell, pooled. ' + intervalRule + ' ' +
      'Queries and workers per request: counted at the database and by the server on the settings route (— where a server does not report workers). ' +
      'Only what was measured at a latency has a row there.',
    '',
    ...perLatency.flatMap((section) => [section, '']),
    ...notes.lines(),
  ].join('\n').trimEnd();
}

export function microSection(summary: Summary): string {
  if (summary.micro.length === 0) return ['## Micro-benchmarks', '', 'None measured in this run.'].join('\n');
  const withTail = summary.micro.some((m) => m.figures.p99 !== null);
  return [
    '## Micro-benchmarks',
    '',
    'Every iteration of every repetition, pooled; intervals as above.',
    '',
    table(
      [left('task'), right('gids'), right('injected'), right('n'), right('median'), right('95 % CI'), right('min'), right('max'), ...(withTail ? [right('p99')] : []), right('repetitions')],
      summary.micro.map((m) => [
        m.task,
        String(m.gids),
        `+${m.injectedMs} ms`,
        String(m.figures.n),
        formatMs(m.figures.median),
        medianIntervalText(m.figures),
        formatMs(m.figures.min),
        formatMs(m.figures.max),
        ...(withTail ? [tailColumn(m.figures)] : []),
        String(m.repetitions),
      ]),
    ),
  ].join('\n');
}

export function skippedSection(summary: Summary): string {
  return [
    '## Skipped',
    '',
    summary.skipped.length === 0
      ? 'Nothing was skipped.'
      : table(
          [left('step'), left('target or task'), right('gids'), right('injected'), left('reason')],
          summary.skipped.map((s) => [s.step, s.target, String(s.gids), `+${s.injectedMs} ms`, s.reason]),
        ),
  ].join('\n');
}
