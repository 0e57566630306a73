// The run's charts, as SVG strings. Hand-written SVG rather than a charting library: four
// fixed chart shapes need about 300 lines, render synchronously with no browser or canvas,
// and give the same bytes for the same report.
import type { CellSummary } from './cells.ts';
import { whyNotTimed } from './cells.ts';
import { formatMs, formatTickMs } from './format.ts';
import type { Summary } from './summary.ts';
import { barChart } from './svg/bar-chart.ts';
import type { Highlight, Series } from './svg/line-chart.ts';
import { lineChart } from './svg/line-chart.ts';
import { medianIntervalText } from './verdicts.ts';

export type ChartFile = { readonly file: string; readonly title: string; readonly svg: string };

// Relative to the run folder, as report.md links them.
const chartPaths = {
  byTarget: 'charts/page-latency-by-target.svg',
  bySize: 'charts/page-latency-by-size.svg',
  byInjectedLatency: 'charts/page-latency-by-injected-latency.svg',
  micro: 'charts/micro-benchmarks.svg',
} as const;

// Okabe–Ito colours (safe for colour-blind readers), fixed per target so a target keeps
// its colour from chart to chart and run to run; red-orange for the slow start, green for the end.
const targetColors: Readonly<Record<string, string>> = {
  baseline: '#D55E00',
  'thread-pool': '#E69F00',
  'wave1-lazy': '#0072B2',
  'wave2-batched': '#CC79A7',
  optimized: '#009E73',
};
// For other targets and micro tasks: the rest of Okabe–Ito, then Tol's muted palette,
// none of them a fixed target's colour.
const spareColors = ['#56B4E9', '#000000', '#999999', '#F0E442', '#882255', '#44AA99', '#117733', '#332288', '#AA4499', '#DDCC77'];

// `index`: the target's place in the run, so a colour never depends on the chart.
function colorOf(name: string, index: number): string {
  return targetColors[name] ?? spareColors[index % spareColors.length] ?? '#000000';
}

function shorten(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function cellsOf(summary: Summary, target: string, keep: (cell: CellSummary) => boolean): CellSummary[] {
  return summary.cells.filter((cell) => cell.target === target && keep(cell));
}

// A line with gaps says so in the legend; the reasons are in report.md.
function seriesName(target: string, measured: number, expected: number): string {
  if (measured === 0) return `${target} (no data)`;
  return measured < expected ? `${target} (${expected - measured}/${expected} missing)` : target;
}

export function pageLatencyByTarget(summary: Summary): string {
  const at = summary.reference;
  const bars = summary.targets.map((target, i) => {
    const cell = cellsOf(summary, target, (c) => c.gids === at.gids && c.injectedMs === at.injectedMs)[0];
    const page = cell?.page ?? null;
    return {
      label: target,
      color: colorOf(target, i),
      value: page?.median ?? null,
      marker: page?.max ?? null,
      note: page ? `${formatMs(page.median)} [${medianIntervalText(page)}] · n = ${page.n}` : shorten(whyNotTimed(cell), 80),
    };
  });
  return barChart({
    title: `Page load by target, ${at.project} (${at.gids} gids)`,
    subtitle: `+${at.injectedMs} ms injected app↔DB round trip · time to last byte, all repetitions · median [95 % CI]`,
    xCaption: 'page load time (log scale)',
    valueName: 'median',
    markerName: 'max',
    format: formatTickMs,
    bars,
  });
}

export function pageLatencyBySize(summary: Summary): string {
  const injectedMs = summary.reference.injectedMs;
  const series: Series[] = summary.targets.map((target, i) => {
    const points = cellsOf(summary, target, (c) => c.injectedMs === injectedMs).flatMap((c) =>
      c.page ? [{ x: c.gids, y: c.page.median }] : [],
    );
    return { name: seriesName(target, points.length, summary.projects.length), color: colorOf(target, i), points };
  });
  return lineChart({
    title: 'Page load vs project size',
    subtitle: `median per target · +${injectedMs} ms injected app↔DB round trip · log–log`,
    xCaption: 'gids in the project (log scale)',
    yCaption: 'page load median (log scale)',
    xTransform: 'log',
    xTicks: summary.projects.map((project) => ({ value: project.gids, label: String(project.gids) })),
    yFormat: formatTickMs,
    series,
    references: [],
    highlights: null,
  });
}

// Along the sweep: each target's medians, and its fitted page = a + k · RTT, drawn
// through enough points to stay smooth on the log y axis.
export function pageLatencyByInjectedLatency(summary: Summary): string {
  const at = summary.sweep;
  const latencies = [...new Set(summary.cells.filter((c) => c.gids === at.gids && c.page !== null).map((c) => c.injectedMs))].sort((a, b) => a - b);
  const top = latencies.at(-1) ?? 0;
  const series: Series[] = summary.targets.flatMap((target, i) => {
    const points = cellsOf(summary, target, (c) => c.gids === at.gids).flatMap((c) => (c.page ? [{ x: c.injectedMs, y: c.page.median }] : []));
    const measured: Series = { name: seriesName(target, points.length, latencies.length), color: colorOf(target, i), points };
    const fit = summary.roundTrips.find((trips) => trips.target === target)?.fit ?? null;
    if (fit === null) return [measured];
    const line = Array.from({ length: 41 }, (_, step) => {
      const x = (top * step) / 40;
      return { x, y: fit.intercept + fit.slope * x };
    });
    return [measured, { name: `${target} fit`, color: colorOf(target, i), points: line, fitted: true }];
  });
  // A break caused by a skipped cell has no point to ring; report.md lists it.
  const highlights: Highlight[] = summary.breakpoints.flatMap((point) => {
    const cell = cellsOf(summary, point.target, (c) => c.gids === at.gids && c.injectedMs === point.injectedMs)[0];
    const index = summary.targets.indexOf(point.target);
    return cell?.page ? [{ x: cell.injectedMs, y: cell.page.median, color: colorOf(point.target, index) }] : [];
  });
  return lineChart({
    title: `Page load vs app↔DB round trip, ${at.project} (${at.gids} gids)`,
    subtitle: 'median per target, dashed: page = a + k · RTT fitted over every sample (k: round trips the page waits for)',
    xCaption: 'injected app↔DB round-trip time (RTT)',
    yCaption: 'page load median (log scale)',
    xTransform: 'linear',
    xTicks: latencies.map((ms) => ({ value: ms, label: `${ms} ms` })),
    yFormat: formatTickMs,
    series,
    references: [{ y: summary.budgetMs, label: `${formatTickMs(summary.budgetMs)} budget` }],
    highlights: { name: 'breaks here', points: highlights },
    fittedName: 'fit: a + k · RTT',
  });
}

// Null when the run measured no micro-benchmarks.
export function microBenchmarks(summary: Summary): string | null {
  if (summary.micro.length === 0) return null;
  const injectedMs = Math.min(...summary.micro.map((m) => m.injectedMs));
  const rows = summary.micro.filter((m) => m.injectedMs === injectedMs);
  const tasks = [...new Set(rows.map((m) => m.task))];
  const gidCounts = [...new Set(rows.map((m) => m.gids))].sort((a, b) => a - b);
  return lineChart({
    title: 'Micro-benchmarks: one step of a request, alone',
    subtitle: `median per task · +${injectedMs} ms injected app↔DB round trip · log–log`,
    xCaption: 'gids per call (log scale)',
    yCaption: 'time per call, median (log scale)',
    xTransform: 'log',
    xTicks: gidCounts.map((gids) => ({ value: gids, label: String(gids) })),
    yFormat: formatTickMs,
    series: tasks.map((task, i) => ({
      name: task,
      color: spareColors[i % spareColors.length] ?? '#000000',
      points: rows.filter((m) => m.task === task).map((m) => ({ x: m.gids, y: m.figures.median })),
    })),
    references: [],
    highlights: null,
  });
}

export function renderCharts(summary: Summary): ChartFile[] {
  const micro = microBenchmarks(summary);
  return [
    { file: chartPaths.byTarget, title: 'Page load by target', svg: pageLatencyByTarget(summary) },
    { file: chartPaths.bySize, title: 'Page load vs project size', svg: pageLatencyBySize(summary) },
    { file: chartPaths.byInjectedLatency, title: 'Page load vs app↔DB round trip', svg: pageLatencyByInjectedLatency(summary) },
    ...(micro === null ? [] : [{ file: chartPaths.micro, title: 'Micro-benchmarks', svg: micro }]),
  ];
}
