// The load sections of report.md: the closed loop (autocannon) and, beside it, the open
// loop at a share of each target's capacity, where coordinated omission shows as the gap
// between latencies timed from sending and from the moment each request was due.
import type { Report } from '../report/schema.ts';
import type { CellSummary, LoadFigures, OpenLoadFigures } from './cells.ts';
import { formatMs, formatMsSpan, significant } from './format.ts';
import type { HistogramFigures } from './histogram-figures.ts';
import { left, right, table } from './markdown-table.ts';
import type { Summary } from './summary.ts';

const dash = '—';

const statusWords = {
  ok: 'ok',
  failing: '**FAILING**',
  saturated: '**SATURATED**: nothing completed',
  behind: '**BEHIND**: could not keep the rate',
} as const;

// A closed loop is saturated when one of its repetitions completed nothing.
const closedStatusWords = { ...statusWords, saturated: '**SATURATED**: a repetition completed nothing' } as const;

// "12.3 ms [12.1–12.6 ms]"; the tail as p99 when 100 answers support it, else the max.
function medianText(figures: HistogramFigures | null): string {
  if (figures === null) return dash;
  const interval = figures.medianInterval === null ? '' : ` [${formatMsSpan(figures.medianInterval.low, figures.medianInterval.high)}]`;
  return `${formatMs(figures.medianMs)}${interval}`;
}

function tailText(figures: HistogramFigures | null): string {
  if (figures === null) return dash;
  if (figures.p99Ms === null) return `max ${formatMs(figures.maxMs)} (n < 100)`;
  const interval = figures.p99Interval === null ? '' : ` [${formatMsSpan(figures.p99Interval.low, figures.p99Interval.high)}]`;
  return `p99 ${formatMs(figures.p99Ms)}${interval}`;
}

function rateText(load: LoadFigures): string {
  const rate = load.requestsPerSecond;
  const interval = rate.interval.kind === 'interval' ? ` [${significant(rate.interval.low)}–${significant(rate.interval.high)}]` : ` (range ${significant(rate.min)}–${significant(rate.max)})`;
  return `${significant(rate.median)}${interval}`;
}

function closedRow(c: CellSummary, load: LoadFigures): string[] {
  return [
    c.target,
    `${c.project} (${c.gids} gids)`,
    `+${c.injectedMs} ms`,
    String(load.repetitions),
    String(load.requests),
    rateText(load),
    medianText(load.latency),
    tailText(load.latency),
    `${load.errors} / ${load.timeouts} / ${load.non2xx}`,
    closedStatusWords[load.status],
  ];
}

function openRow(c: CellSummary, open: OpenLoadFigures): string[] {
  return [
    c.target,
    `${c.project} (${c.gids} gids)`,
    `+${c.injectedMs} ms`,
    `${significant(open.offeredPerSecond)} (${open.capacityPercent} % of ${significant(open.capacityPerSecond)})`,
    `${open.sent} / ${open.scheduled}`,
    String(open.completed),
    significant(open.achievedPerSecond),
    String(open.dropped),
    String(open.late),
    `${medianText(open.uncorrected)}; ${tailText(open.uncorrected)}`,
    `${medianText(open.corrected)}; ${tailText(open.corrected)}`,
    statusWords[open.status],
  ];
}

export function loadSection(summary: Summary, report: Report): string {
  const { connections, durationSeconds, repetitions, openLoop } = report.parameters.load;
  const closed = summary.cells.flatMap((c) => (c.load === null ? [] : [closedRow(c, c.load)]));
  const open = summary.cells.flatMap((c) => c.openLoads.map((figures) => openRow(c, figures)));
  return [
    '## Under load',
    '',
    `**Closed loop** (autocannon): ${connections} connections, each sending its next request when the last is answered, ` +
      `${repetitions} repetitions of ${durationSeconds} s. req/s: median over repetitions [95 % CI]; latency: every answer of every repetition ` +
      '(HdrHistogram, kept in report.json), median [95 % CI] and p99 when 100 answers support it. A loop that completed nothing is saturated, never ok.',
    '',
    closed.length === 0
      ? 'No closed-loop runs in this report.'
      : table(
          [left('target'), left('project'), right('RTT'), right('repetitions'), right('answered'), right('req/s'), right('latency median'), right('tail'), right('errors / timeouts / non-2xx'), left('status')],
          closed,
        ),
    '',
    `**Open loop**: requests due at a constant rate, ${openLoop.capacityPercents.join(' % and ')} % of the target's closed-loop capacity, ` +
      `for ${openLoop.durationSeconds} s, whether or not earlier ones were answered (at most ${openLoop.maxInFlight} in flight; more wait, and are late). ` +
      'Uncorrected latency is timed from sending, as a closed loop times it; corrected from when the request was due: what a user arriving then waited ' +
      '(coordinated omission is the difference). Dropped: due but never sent before the window closed. Late: sent more than one arrival interval after it was due.',
    '',
    open.length === 0
      ? 'No open-loop runs in this report.'
      : table(
          [left('target'), left('project'), right('RTT'), right('offered req/s'), right('sent / due'), right('answered'), right('achieved req/s'), right('dropped'), right('late'), right('uncorrected: median; tail'), right('corrected: median; tail'), left('status')],
          open,
        ),
  ].join('\n');
}
