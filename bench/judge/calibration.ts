// The timing gate's error rates, from repeated comparisons whose truth is known: the same
// code against itself (A/A: every alarm is false) and against a copy slowed by a known
// fraction (every pass is a miss). Each comparison is one interleaved run of the pair,
// split into base and head and judged by the gate exactly as `make compare RUN=` does.
import { compareReports } from './compare.ts';
import type { CompareOptions, MetricComparison } from './compare.ts';
import { isRegression } from './gate.ts';
import type { Report } from '../report/schema.ts';
import { splitPairs } from './revision-split.ts';
import { median } from './stats/descriptive.ts';

export type Outcome = {
  readonly slowdown: number;
  // The gate failed on timing: some latency or throughput metric was "slower".
  readonly alarm: boolean;
  readonly flagged: readonly string[];
  // Timed metrics compared, and the head/base ratio of each page-load p50.
  readonly timedMetrics: number;
  readonly pageLoadRatios: readonly number[];
  readonly run: string;
};

export type Rate = {
  readonly slowdown: number;
  readonly comparisons: number;
  readonly alarms: number;
  // alarms / comparisons, with its 95 % Wilson score interval.
  readonly rate: number;
  readonly low: number;
  readonly high: number;
  // What the knob did to the measured page: the median head/base page-load ratio.
  readonly medianPageLoadRatio: number | null;
};

export const baseName = (target: string): string => `${target}-base`;
export const headName = (target: string): string => `${target}-head`;

const isTimed = (metric: MetricComparison): boolean => metric.kind === 'latency' || metric.kind === 'throughput';

export function judge(report: Report, target: string, slowdown: number, options: Partial<CompareOptions>): Outcome {
  const split = splitPairs(report, new Map([[baseName(target), headName(target)]]), report.environment.git, 'same code');
  const comparison = compareReports(split.base, split.head, { ...options, latency: 'absolute' });
  if (comparison.kind === 'refused') throw new Error('one run cannot differ from itself in environment');
  const timed = comparison.metrics.filter(isTimed);
  return {
    slowdown,
    alarm: timed.some(isRegression),
    flagged: timed.filter(isRegression).map((metric) => metric.id),
    timedMetrics: timed.length,
    pageLoadRatios: timed.flatMap((metric) => (metric.id.startsWith('page-load') && metric.change !== null ? [metric.change.ratio] : [])),
    run: report.run.id,
  };
}

// Wilson's score interval: honest at 0 of 20, where the plain p ± 2 sd collapses to 0.
function wilson(successes: number, trials: number, z = 1.96): { low: number; high: number } {
  const p = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const centre = (p + (z * z) / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function rates(outcomes: readonly Outcome[]): Rate[] {
  const slowdowns = [...new Set(outcomes.map((outcome) => outcome.slowdown))].sort((a, b) => a - b);
  return slowdowns.map((slowdown) => {
    const of = outcomes.filter((outcome) => outcome.slowdown === slowdown);
    const alarms = of.filter((outcome) => outcome.alarm).length;
    const ratios = of.flatMap((outcome) => outcome.pageLoadRatios);
    return {
      slowdown,
      comparisons: of.length,
      alarms,
      rate: alarms / of.length,
      ...wilson(alarms, of.length),
      medianPageLoadRatio: ratios.length === 0 ? null : median(ratios),
    };
  });
}

const percent = (fraction: number): string => `${(fraction * 100).toFixed(fraction > 0 && fraction < 0.1 ? 1 : 0)} %`;

export function ratesTable(all: readonly Rate[]): string {
  const lines = ['| extra cost | comparisons | gate failed on timing | rate (95 % interval) | median page-load change measured |', '| ---: | ---: | ---: | :--- | ---: |'];
  for (const rate of all) {
    const meaning = rate.slowdown === 0 ? 'false alarms' : 'detected';
    const change = rate.medianPageLoadRatio === null ? '—' : `${rate.medianPageLoadRatio >= 1 ? '+' : ''}${((rate.medianPageLoadRatio - 1) * 100).toFixed(1)} %`;
    lines.push(`| ${rate.slowdown === 0 ? 'none (A/A)' : `+${percent(rate.slowdown)}`} | ${rate.comparisons} | ${rate.alarms} | ${meaning} ${percent(rate.rate)} (${percent(rate.low)} – ${percent(rate.high)}) | ${change} |`);
  }
  return lines.join('\n');
}

// The same runs judged again at other thresholds: what moving --threshold would trade
// between false alarms and detections, without measuring anything again.
export function thresholdSweep(
  runs: readonly { readonly report: Report; readonly slowdown: number }[],
  target: string,
  thresholds: readonly number[],
  alpha: number,
): string {
  const slowdowns = [...new Set(runs.map((run) => run.slowdown))].sort((a, b) => a - b);
  const head = ['| --threshold | ' + slowdowns.map((slowdown) => (slowdown === 0 ? 'false alarms (A/A)' : `detected at +${percent(slowdown)}`)).join(' | ') + ' |'];
  head.push(`| ---: |${slowdowns.map(() => ' ---: |').join('')}`);
  for (const threshold of thresholds) {
    const all = rates(runs.map((run) => judge(run.report, target, run.slowdown, { alpha, threshold })));
    head.push(`| ${threshold} | ${all.map((rate) => `${rate.alarms}/${rate.comparisons}`).join(' | ')} |`);
  }
  return head.join('\n');
}
