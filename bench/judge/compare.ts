// Compares two runs metric by metric: medians, the change as a ratio with a confidence
// interval, a Mann-Whitney p-value, and a verdict. Counters are deterministic per
// request, so they are compared exactly; everything timed is compared statistically.
import { environmentMismatches } from './compare-environment.ts';
import { holmAdjusted } from './family-wise.ts';
import type { EnvironmentMismatch } from './compare-environment.ts';
import { ratiosToReference, referenceTarget } from './compare-ratio.ts';
import { familiesOf, metricsOf } from './metrics.ts';
import type { Metric } from './metrics.ts';
import type { Report } from '../report/schema.ts';
import { changeInterval } from './stats/change-interval.ts';
import type { ChangeInterval } from './stats/change-interval.ts';
import { median } from './stats/descriptive.ts';
import { mannWhitney, minimumAttainableP, minimumRepetitions } from './stats/mann-whitney.ts';

export type { EnvironmentMismatch } from './compare-environment.ts';

// absolute: timings as measured (same machine); ratio: each target relative to the
// baseline target of the same run (different machines); off: counters only.
export type LatencyMode = 'absolute' | 'ratio' | 'off';

export type CompareOptions = {
  // Significance level of the Mann-Whitney test.
  readonly alpha: number;
  // Smallest relative change worth failing a build for (0.10 = 10 %).
  readonly threshold: number;
  readonly latency: LatencyMode;
  readonly allowEnvironmentMismatch: boolean;
  // Rows read depends on the query plan: a change within this fraction counts as the same.
  readonly rowsReadTolerance: number;
  // Metric id patterns (* matches anything) that may be missing from NEW without failing.
  readonly allowMissing: readonly string[];
  // holm: the timed metrics' p-values adjusted together, so that the chance of any false
  // alarm in one comparison stays at most alpha (bench/judge/family-wise.ts); none: each alone.
  readonly multipleComparisons: 'holm' | 'none';
};

export const compareDefaults: CompareOptions = {
  alpha: 0.05,
  threshold: 0.1,
  latency: 'absolute',
  allowEnvironmentMismatch: false,
  rowsReadTolerance: 0.5,
  allowMissing: [],
  multipleComparisons: 'holm',
};

export type Verdict =
  // Latency and throughput: significant at alpha and beyond the threshold.
  | { readonly kind: 'faster' }
  | { readonly kind: 'slower' }
  // Resources (peak RSS, load errors): same test, but never gated, so neutral words.
  | { readonly kind: 'higher' }
  | { readonly kind: 'lower' }
  // Not significant: indistinguishable from noise.
  | { readonly kind: 'unchanged' }
  // Significant, but smaller than the threshold.
  | { readonly kind: 'within-threshold' }
  | { readonly kind: 'not-comparable'; readonly reason: string }
  // Counters, compared exactly.
  | { readonly kind: 'same' }
  | { readonly kind: 'increased' }
  | { readonly kind: 'decreased' }
  // A plan-dependent counter (rows read) that moved by no more than its tolerance.
  | { readonly kind: 'within-tolerance' }
  // Ratio mode: the baseline target everything else is divided by, shown in absolute terms.
  | { readonly kind: 'reference' };

export type SampleSummary = { readonly median: number; readonly n: number };

// The metric's identity (metrics.ts); its unit reads '× baseline' in ratio mode.
export type MetricComparison = Pick<Metric, 'id' | 'kind' | 'unit' | 'better' | 'target' | 'gids' | 'injectedMs'> & {
  readonly basis: 'absolute' | 'ratio-to-baseline';
  readonly base: SampleSummary;
  readonly next: SampleSummary;
  // null when the base median is 0: there is no relative change.
  readonly change: ChangeInterval | null;
  // null for counters, which need no test. Holm-adjusted for the timed metrics when
  // options.multipleComparisons is holm; unadjustedP then keeps the metric's own.
  readonly p: number | null;
  readonly unadjustedP?: number;
  readonly verdict: Verdict;
};

export type MetricRef = Pick<Metric, 'id' | 'kind' | 'target' | 'gids' | 'injectedMs'>;

// A metric of BASE that NEW lacks: a dropped cell, target or route, or one NEW skipped.
export type MissingMetric = MetricRef & {
  // Why NEW did not measure the cell, when it says so.
  readonly skipped: string | null;
  // The --allow-missing pattern that excuses it; null fails the gate.
  readonly allowedBy: string | null;
};

export type RunRef = { readonly id: string; readonly sha: string; readonly dirty: boolean; readonly startedAt: string };

export type Comparison =
  | {
      readonly kind: 'refused';
      readonly options: CompareOptions;
      readonly base: RunRef;
      readonly next: RunRef;
      readonly mismatches: readonly EnvironmentMismatch[];
    }
  | {
      readonly kind: 'compared';
      readonly options: CompareOptions;
      readonly base: RunRef;
      readonly next: RunRef;
      // Non-empty only when allowed: the renderer shows them as a banner.
      readonly mismatches: readonly EnvironmentMismatch[];
      readonly metrics: readonly MetricComparison[];
      readonly added: readonly MetricRef[];
      readonly missing: readonly MissingMetric[];
      // In both runs but not compared (--latency off).
      readonly ignored: readonly MetricRef[];
      // The timed metrics whose p-values were adjusted together (0 with multipleComparisons none).
      readonly family: number;
    };

type Head = Omit<MetricComparison, 'basis' | 'base' | 'next' | 'change' | 'p' | 'verdict'>;

function headOf(metric: Metric): Head {
  const { id, kind, unit, better, target, gids, injectedMs } = metric;
  return { id, kind, unit, better, target, gids, injectedMs };
}

function refOf(metric: Metric): MetricRef {
  const { id, kind, target, gids, injectedMs } = metric;
  return { id, kind, target, gids, injectedMs };
}

function summary(values: readonly number[]): SampleSummary {
  return { median: median(values), n: values.length };
}

function changeOf(base: readonly number[], next: readonly number[], alpha: number): ChangeInterval | null {
  const baseMedian = median(base);
  if (baseMedian <= 0) return null;
  if ([...base, ...next].every((value) => value > 0)) return changeInterval(base, next, alpha);
  // A zero among the values (autocannon rounds to whole ms) has no logarithm: keep the
  // ratio, admit the interval is unknown.
  return { ratio: median(next) / baseMedian, low: 0, high: Infinity };
}

function judge(head: Head, n1: number, n2: number, change: ChangeInterval | null, p: number, options: CompareOptions): Verdict {
  const { alpha, threshold } = options;
  if (minimumAttainableP(n1, n2) >= alpha) {
    const needed = minimumRepetitions(alpha);
    return { kind: 'not-comparable', reason: `${n1} vs ${n2} values can never reach p < ${alpha}; needs ${needed}+ per run` };
  }
  if (p >= alpha) return { kind: 'unchanged' };
  if (change === null) return { kind: 'not-comparable', reason: 'base median is 0, so there is no relative change' };
  if (Math.abs(change.ratio - 1) <= threshold) return { kind: 'within-threshold' };
  if (head.kind === 'resource') return { kind: change.ratio > 1 ? 'higher' : 'lower' };
  const worse = head.better === 'lower' ? change.ratio > 1 : change.ratio < 1;
  return { kind: worse ? 'slower' : 'faster' };
}

function compareStatistically(
  head: Head,
  basis: MetricComparison['basis'],
  base: readonly number[],
  next: readonly number[],
  options: CompareOptions,
): MetricComparison {
  const change = changeOf(base, next, options.alpha);
  const { p } = mannWhitney(base, next);
  const verdict = judge(head, base.length, next.length, change, p, options);
  return { ...head, basis, base: summary(base), next: summary(next), change, p, verdict };
}

function compareCounter(head: Head, base: readonly number[], next: readonly number[], tolerance: number): MetricComparison {
  const before = median(base);
  const after = median(next);
  // No noise, so the interval is the ratio itself.
  const change = before > 0 ? { ratio: after / before, low: after / before, high: after / before } : null;
  const tolerated = tolerance > 0 && after !== before && Math.abs(after - before) <= tolerance * before;
  const verdict: Verdict = { kind: tolerated ? 'within-tolerance' : after === before ? 'same' : after > before ? 'increased' : 'decreased' };
  return { ...head, basis: 'absolute', base: summary(base), next: summary(next), change, p: null, verdict };
}

// Timed metrics that were tested at all: the family whose false alarms the gate bounds.
function inFamily(metric: MetricComparison): boolean {
  const tested = metric.verdict.kind !== 'not-comparable' && metric.verdict.kind !== 'reference';
  return (metric.kind === 'latency' || metric.kind === 'throughput') && metric.p !== null && tested;
}

function adjustFamily(metrics: readonly MetricComparison[], options: CompareOptions): { metrics: MetricComparison[]; family: number } {
  const family = metrics.filter(inFamily);
  if (options.multipleComparisons === 'none' || family.length === 0) return { metrics: [...metrics], family: 0 };
  const adjusted = new Map(family.map((metric, index) => [metric, holmAdjusted(family.map((m) => m.p ?? 1))[index] ?? 1]));
  return {
    metrics: metrics.map((metric) => {
      const p = adjusted.get(metric);
      if (p === undefined) return metric;
      const verdict = judge(metric, metric.base.n, metric.next.n, metric.change, p, options);
      return { ...metric, p, unadjustedP: metric.p ?? 1, verdict };
    }),
    family: family.length,
  };
}

type Ratios = { readonly base: Map<string, number[]>; readonly next: Map<string, number[]> };

function compareToReference(base: Metric, next: Metric, ratios: Ratios, options: CompareOptions): MetricComparison {
  const head = headOf(base);
  if (base.target === referenceTarget) {
    return { ...compareStatistically(head, 'absolute', base.values, next.values, options), verdict: { kind: 'reference' } };
  }
  const before = ratios.base.get(base.id) ?? [];
  const after = ratios.next.get(base.id) ?? [];
  if (before.length === 0 || after.length === 0) {
    return {
      ...compareStatistically(head, 'absolute', base.values, next.values, options),
      verdict: { kind: 'not-comparable', reason: `no '${referenceTarget}' target measured in the same cell to divide by` },
    };
  }
  return compareStatistically({ ...head, unit: `× ${referenceTarget}` }, 'ratio-to-baseline', before, after, options);
}

// "MariaDB 10.11.19" → "MariaDB": the family decides the wire format, not the version.
function serverFamily(report: Report): string {
  return report.environment.database.server.split(' ')[0] ?? report.environment.database.server;
}

function compareMetric(base: Metric, next: Metric, ratios: Ratios | undefined, options: CompareOptions, families: readonly [string, string]): MetricComparison {
  if (base.kind === 'counter' && base.wire && families[0] !== families[1]) {
    const counted = compareCounter(headOf(base), base.values, next.values, 0);
    return { ...counted, verdict: { kind: 'not-comparable', reason: `bytes on the wire: ${families[0]} and ${families[1]} encode the same rows differently` } };
  }
  if (base.kind === 'counter') return compareCounter(headOf(base), base.values, next.values, base.tolerant ? options.rowsReadTolerance : 0);
  const timed = base.kind === 'latency' || base.kind === 'throughput';
  if (timed && ratios !== undefined) return compareToReference(base, next, ratios, options);
  return compareStatistically(headOf(base), 'absolute', base.values, next.values, options);
}

function runRef(report: Report): RunRef {
  return { id: report.run.id, sha: report.environment.git.sha, dirty: report.environment.git.dirty, startedAt: report.run.startedAt };
}

// `*` matches any run of characters; everything else matches itself.
function matches(pattern: string, id: string): boolean {
  const expression = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${expression}$`).test(id);
}

// What NEW says about a cell it did not measure, if anything.
function skipReason(report: Report, metric: Metric): string | null {
  const reasons = report.measurements.flatMap((m) =>
    m.kind === 'skipped' && m.target === metric.target && m.gids === metric.gids && m.injectedMs === metric.injectedMs ? [m.reason] : [],
  );
  return reasons.length === 0 ? null : [...new Set(reasons)].join('; ');
}

// A member of a counted family missing on one side was counted as zero there.
function asZero(metric: Metric): Metric {
  return { ...metric, values: [0] };
}

export function compareReports(base: Report, next: Report, options: Partial<CompareOptions> = {}): Comparison {
  const resolved: CompareOptions = { ...compareDefaults, ...options };
  if (!(resolved.alpha > 0 && resolved.alpha < 1)) throw new RangeError(`alpha must be between 0 and 1, got ${resolved.alpha}`);
  if (!(resolved.threshold >= 0)) throw new RangeError(`threshold must be 0 or more, got ${resolved.threshold}`);
  if (!(resolved.rowsReadTolerance >= 0)) throw new RangeError(`rows read tolerance must be 0 or more, got ${resolved.rowsReadTolerance}`);
  const runs = { base: runRef(base), next: runRef(next) };

  const mismatches = environmentMismatches(base, next);
  if (mismatches.length > 0 && !resolved.allowEnvironmentMismatch) {
    return { kind: 'refused', options: resolved, ...runs, mismatches };
  }

  const ratios = resolved.latency === 'ratio' ? { base: ratiosToReference(base), next: ratiosToReference(next) } : undefined;
  const inScope = (metric: Metric): boolean => resolved.latency !== 'off' || metric.kind === 'counter';
  const baseMetrics = metricsOf(base);
  const nextMetrics = new Map(metricsOf(next).map((metric) => [metric.id, metric]));
  const baseIds = new Set(baseMetrics.map((metric) => metric.id));
  const families = { base: familiesOf(base), next: familiesOf(next) };
  const servers = [serverFamily(base), serverFamily(next)] as const;
  const metrics: MetricComparison[] = [];
  const missing: MissingMetric[] = [];
  const ignored: MetricRef[] = [];
  const added: MetricRef[] = [];
  for (const metric of baseMetrics) {
    const counterpart = nextMetrics.get(metric.id)
      ?? (metric.family !== undefined && families.next.has(metric.family) ? asZero(metric) : undefined);
    if (!inScope(metric)) ignored.push(refOf(metric));
    else if (counterpart !== undefined) metrics.push(compareMetric(metric, counterpart, ratios, resolved, servers));
    else {
      const allowedBy = resolved.allowMissing.find((pattern) => matches(pattern, metric.id)) ?? null;
      missing.push({ ...refOf(metric), skipped: skipReason(next, metric), allowedBy });
    }
  }
  for (const metric of nextMetrics.values()) {
    if (baseIds.has(metric.id)) continue;
    if (metric.family !== undefined && families.base.has(metric.family) && inScope(metric)) {
      metrics.push(compareMetric(asZero(metric), metric, ratios, resolved, servers));
    } else added.push(refOf(metric));
  }
  const adjusted = adjustFamily(metrics, resolved);
  return { kind: 'compared', options: resolved, ...runs, mismatches, metrics: adjusted.metrics, family: adjusted.family, added, missing, ignored };
}
