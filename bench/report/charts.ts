// The run's charts, as SVG strings. Hand-written SVG rather than a charting library: four
// fixed chart shapes need about 300 lines, render synchronously with no browser or canvas,
// and give the same bytes for the same report.
import type { CellSummary } from './cells.ts';
import { formatMs, formatTickMs, formatTimes } from './format.ts';
import type { Summary } from './summary.ts';
import { barChart } from './svg/bar-chart.ts';
import type { Highlight, Series } from './svg/line-chart.ts';
import { lineChart } from './svg/line-chart.ts';

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
const spareColors = ['#56B4E9', '#000000', '#999999', '#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00'];

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

function missingNote(cell: CellSummary | undefined): string {
  const reasons = cell?.skipped.map((skip) => `${skip.step} skipped: ${skip.reason}`) ?? [];
  return shorten(reasons.length > 0 ? reasons.join('; ') : 'not measured', 80);
}

export function pageLatencyByTarget(summary: Summary): string {
  const at = summary.reference;
  const bars = summary.targets.map((target, i) => {
    const cell = cellsOf(summary, target, (c) => c.gids === at.gids && c.injectedMs === at.injectedMs)[0];
    const page = cell?.page ?? null;
    const speedup = cell && cell.speedup !== null && target !== 'baseline' ? ` · ${formatTimes(cell.speedup)}` : '';
    return {
      label: target,
      color: colorOf(target, i),
      value: page?.p50Ms ?? null,
      marker: page?.p99Ms ?? null,
      note: page ? `${formatMs(page.p50Ms)} · p99 ${formatMs(page.p99Ms)}${speedup}` : missingNote(cell),
    };
  });
  return barChart({
    title: `Page load by target, ${at.project} (${at.gids} gids)`,
    subtitle: `+${at.injectedMs} ms injected app↔DB latency · time to last byte, all repetitions · speedup vs baseline`,
    xCaption: 'page load time (log scale)',
    valueName: 'p50',
    markerName: 'p99',
    format: formatTickMs,
    bars,
  });
}

export function pageLatencyBySize(summary: Summary): string {
  const injectedMs = summary.reference.injectedMs;
  const series: Series[] = summary.targets.map((target, i) => {
    const points = cellsOf(summary, target, (c) => c.injectedMs === injectedMs).flatMap((c) =>
      c.page ? [{ x: c.gids, y: c.page.p50Ms }] : [],
    );
    return { name: seriesName(target, points.length, summary.projects.length), color: colorOf(target, i), points };
  });
  return lineChart({
    title: 'Page load vs project size',
    subtitle: `p50 per target · +${injectedMs} ms injected app↔DB latency · log–log`,
    xCaption: 'gids in the project (log scale)',
    yCaption: 'page load p50 (log scale)',
    xTransform: 'log',
    xTicks: summary.projects.map((project) => ({ value: project.gids, label: String(project.gids) })),
    yFormat: formatTickMs,
    series,
    references: [],
    highlights: null,
  });
}

export function pageLatencyByInjectedLatency(summary: Summary): string {
  const at = summary.reference;
  const series: Series[] = summary.targets.map((target, i) => {
    const points = cellsOf(summary, target, (c) => c.gids === at.gids).flatMap((c) =>
      c.page ? [{ x: c.injectedMs, y: c.page.p50Ms }] : [],
    );
    return { name: seriesName(target, points.length, summary.latenciesMs.length), color: colorOf(target, i), points };
  });
  // A break caused by a skipped cell has no point to ring; report.md lists it.
  const highlights: Highlight[] = summary.breakpoints.flatMap((point) => {
    const cell = cellsOf(summary, point.target, (c) => c.gids === at.gids && c.injectedMs === point.injectedMs)[0];
    const index = summary.targets.indexOf(point.target);
    return cell?.page ? [{ x: cell.injectedMs, y: cell.page.p50Ms, color: colorOf(point.target, index) }] : [];
  });
  return lineChart({
    title: `Page load vs app↔DB latency, ${at.project} (${at.gids} gids)`,
    subtitle: `p50 per target · a target breaks where its page p50 passes the budget or requests fail under load`,
    xCaption: 'injected latency per database round trip (log(1 + ms) scale)',
    yCaption: 'page load p50 (log scale)',
    xTransform: 'log1p',
    xTicks: summary.latenciesMs.map((ms) => ({ value: ms, label: `${ms} ms` })),
    yFormat: formatTickMs,
    series,
    references: [{ y: summary.budgetMs, label: `${formatTickMs(summary.budgetMs)} budget` }],
    highlights: { name: 'breaks here', points: highlights },
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
    subtitle: `p50 per task · +${injectedMs} ms injected app↔DB latency · log–log`,
    xCaption: 'gids per call (log scale)',
    yCaption: 'time per call, p50 (log scale)',
    xTransform: 'log',
    xTicks: gidCounts.map((gids) => ({ value: gids, label: String(gids) })),
    yFormat: formatTickMs,
    series: tasks.map((task, i) => ({
      name: task,
      color: spareColors[i % spareColors.length] ?? '#000000',
      points: rows.filter((m) => m.task === task).map((m) => ({ x: m.gids, y: m.p50Ms })),
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
    { file: chartPaths.byInjectedLatency, title: 'Page load vs app↔DB latency', svg: pageLatencyByInjectedLatency(summary) },
    ...(micro === null ? [] : [{ file: chartPaths.micro, title: 'Micro-benchmarks', svg: micro }]),
  ];
}
