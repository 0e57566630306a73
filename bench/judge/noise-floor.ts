// A/A test: split one run's repetitions into two halves (even vs odd index) and compare
// them as if they were two runs. Nothing changed between the halves, so every "change"
// is noise and every flagged metric is a false alarm: this shows how small a change the
// benchmark can resolve at the run's sample sizes (its minimum detectable effect), and
// whether the gate would cry wolf.
import { compareReports } from './compare.ts';
import type { CompareOptions, MetricComparison } from './compare.ts';
import { isRegression } from './gate.ts';
import type { MetricKind } from './metrics.ts';
import type { Report } from '../report/schema.ts';
import { minimumDetectableEffect } from './stats/detectable-effect.ts';
import { median } from './stats/descriptive.ts';
import { minimumAttainableP, minimumRepetitions } from './stats/mann-whitney.ts';

export type KindNoise = {
  // Metrics of this kind compared between the halves.
  readonly metrics: number;
  // Of those, the ones whose halves are large enough for p < alpha at all.
  readonly canReachAlpha: number;
  // The most common halves among those, e.g. { even: 4, odd: 4 }; null when none can.
  readonly typicalHalves: { readonly even: number; readonly odd: number } | null;
  // The largest |ratio − 1| seen, e.g. 0.04 for ±4 %; null when no ratio exists.
  readonly largestChange: { readonly id: string; readonly change: number } | null;
  // With p < alpha; about alpha × canReachAlpha are expected by chance alone.
  readonly significant: number;
  // Metric ids the gate would (wrongly) have failed on.
  readonly flagged: readonly string[];
  // Minimum detectable effect (80 % power) over the metrics that can reach alpha: the
  // median and the largest; null when none can. Counters are exact: 0.
  readonly detectableEffect: { readonly median: number; readonly largest: number } | null;
};

export type NoiseFloor = {
  readonly repetitions: { readonly even: number; readonly odd: number };
  readonly alpha: number;
  readonly threshold: number;
  // The smallest p-value the run's full halves can produce at all (complete separation).
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

function typical(metrics: readonly MetricComparison[]): KindNoise['typicalHalves'] {
  const counts = new Map<string, number>();
  for (const metric of metrics) counts.set(`${metric.base.n} ${metric.next.n}`, (counts.get(`${metric.base.n} ${metric.next.n}`) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (top === undefined) return null;
  const [even, odd] = top.split(' ').map(Number);
  return { even: even ?? 0, odd: odd ?? 0 };
}

function kindNoise(kind: MetricKind, metrics: readonly MetricComparison[], alpha: number): KindNoise {
  const ofKind = metrics.filter((metric) => metric.kind === kind);
  const reachable = ofKind.filter((metric) => kind === 'counter' || minimumAttainableP(metric.base.n, metric.next.n) < alpha);
  let largestChange: KindNoise['largestChange'] = null;
  for (const metric of ofKind) {
    if (metric.change === null) continue;
    const change = Math.abs(metric.change.ratio - 1);
    if (largestChange === null || change > largestChange.change) largestChange = { id: metric.id, change };
  }
  const effects = kind === 'counter'
    ? reachable.map(() => 0)
    : reachable.flatMap((metric) => {
        const effect = metric.change === null ? null : minimumDetectableEffect(metric.change, alpha);
        return effect === null ? [] : [effect];
      });
  return {
    metrics: ofKind.length,
    canReachAlpha: reachable.length,
    typicalHalves: typical(reachable),
    largestChange,
    significant: ofKind.filter((metric) => metric.p !== null && metric.p < alpha).length,
    flagged: ofKind.filter(isRegression).map((metric) => metric.id),
    detectableEffect: effects.length === 0 ? null : { median: median(effects), largest: Math.max(...effects) },
  };
}

export function aaNoiseFloor(report: Report, options: Partial<Omit<CompareOptions, 'allowEnvironmentMismatch'>> = {}): NoiseFloor {
  const even = half(report, 0);
  const odd = half(report, 1);
  const comparison = compareReports(even.report, odd.report, { ...options, allowEnvironmentMismatch: true });
  if (comparison.kind === 'refused') throw new Error('an A/A comparison cannot be refused: both halves share one environment');
  const { alpha, threshold } = comparison.options;
  const smallestPossibleP = minimumAttainableP(even.repetitions, odd.repetitions);
  const noise = (kind: MetricKind): KindNoise => kindNoise(kind, comparison.metrics, alpha);
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
