// A/A test: split one run's repetitions into two halves (even vs odd index) and compare
// them as if they were two runs. Nothing changed between the halves, so every "change"
// is noise and every flagged metric is a false alarm: this shows how small a change the
// benchmark can resolve, and whether the gate would cry wolf.
import { compareReports } from './compare.ts';
import type { CompareOptions, MetricComparison } from './compare.ts';
import { isRegression } from './gate.ts';
import type { MetricKind } from './metrics.ts';
import type { Report } from './report-schema.ts';
import { minimumAttainableP, minimumRepetitions } from './stats/mann-whitney.ts';

export type KindNoise = {
  // Metrics of this kind compared between the halves.
  readonly metrics: number;
  // The largest |ratio − 1| seen, e.g. 0.04 for ±4 %; null when no ratio exists.
  readonly largestChange: { readonly id: string; readonly change: number } | null;
  // With p < alpha; about alpha × metrics are expected by chance alone.
  readonly significant: number;
  // Metric ids the gate would (wrongly) have failed on.
  readonly flagged: readonly string[];
  // Relative half-width of the widest confidence interval, sqrt(high / low) − 1; null
  // when the halves are too small to bound any interval.
  readonly widestInterval: number | null;
  // Smallest change the gate could flag: the threshold, or the noise if that is wider.
  // Counters are exact, so any change (0). null when no change can be significant.
  readonly detectableChange: number | null;
};

export type NoiseFloor = {
  readonly repetitions: { readonly even: number; readonly odd: number };
  readonly alpha: number;
  readonly threshold: number;
  // The smallest p-value these halves can produce at all (complete separation).
  readonly smallestPossibleP: number;
  readonly canReachAlpha: boolean;
  // Repetitions each run needs for p < alpha to be possible (4 at alpha 0.05).
  readonly minimumRepetitionsPerRun: number;
  // Repetitions one run needs for its A/A halves to reach alpha (8 at alpha 0.05).
  readonly minimumRepetitionsForAA: number;
  readonly byKind: Readonly<Record<MetricKind, KindNoise>>;
};

function half(report: Report, parity: 0 | 1): { report: Report; repetitions: number } {
  const measurements = report.measurements.filter((m) => !('repetition' in m) || m.repetition % 2 === parity);
  const repetitions = new Set(measurements.flatMap((m) => ('repetition' in m ? [m.repetition] : []))).size;
  return { report: { ...report, parameters: { ...report.parameters, pageLoad: { ...report.parameters.pageLoad, repetitions: Math.max(1, repetitions) } }, measurements }, repetitions };
}

function minimumForAA(alpha: number): number {
  let total = 2;
  while (minimumAttainableP(Math.ceil(total / 2), Math.floor(total / 2)) >= alpha) total++;
  return total;
}

function kindNoise(kind: MetricKind, metrics: readonly MetricComparison[], alpha: number, threshold: number): KindNoise {
  const ofKind = metrics.filter((metric) => metric.kind === kind);
  let largestChange: KindNoise['largestChange'] = null;
  let widest = 0;
  for (const metric of ofKind) {
    if (metric.change === null) continue;
    const change = Math.abs(metric.change.ratio - 1);
    if (largestChange === null || change > largestChange.change) largestChange = { id: metric.id, change };
    widest = Math.max(widest, Math.sqrt(metric.change.high / metric.change.low) - 1);
  }
  const widestInterval = Number.isFinite(widest) ? widest : null;
  const detectableChange = kind === 'counter' ? 0 : widestInterval === null ? null : Math.max(threshold, widestInterval);
  return {
    metrics: ofKind.length,
    largestChange,
    significant: ofKind.filter((metric) => metric.p !== null && metric.p < alpha).length,
    flagged: ofKind.filter(isRegression).map((metric) => metric.id),
    widestInterval,
    detectableChange,
  };
}

export function aaNoiseFloor(report: Report, options: Partial<Omit<CompareOptions, 'allowEnvironmentMismatch'>> = {}): NoiseFloor {
  const even = half(report, 0);
  const odd = half(report, 1);
  const comparison = compareReports(even.report, odd.report, { ...options, allowEnvironmentMismatch: true });
  if (comparison.kind === 'refused') throw new Error('an A/A comparison cannot be refused: both halves share one environment');
  const { alpha, threshold } = comparison.options;
  const smallestPossibleP = minimumAttainableP(even.repetitions, odd.repetitions);
  const noise = (kind: MetricKind): KindNoise => kindNoise(kind, comparison.metrics, alpha, threshold);
  return {
    repetitions: { even: even.repetitions, odd: odd.repetitions },
    alpha,
    threshold,
    smallestPossibleP,
    canReachAlpha: smallestPossibleP < alpha,
    minimumRepetitionsPerRun: minimumRepetitions(alpha),
    minimumRepetitionsForAA: minimumForAA(alpha),
    byKind: { latency: noise('latency'), throughput: noise('throughput'), counter: noise('counter'), resource: noise('resource') },
  };
}
