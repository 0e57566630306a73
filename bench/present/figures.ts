// What every timed figure in a report carries: its sample size, its median with a
// distribution-free 95 % interval, its range, and a tail percentile only when the
// samples support one (bench/judge/stats/quantile-interval.ts says why order statistics).
import { median, quantile } from '../judge/stats/descriptive.ts';
import { quantileInterval, supportsPercentile } from '../judge/stats/quantile-interval.ts';
import type { QuantileInterval } from '../judge/stats/quantile-interval.ts';

export const confidence = 0.95;
export const alpha = 1 - confidence;

export type SampleFigures = {
  readonly n: number;
  readonly median: number;
  readonly interval: QuantileInterval;
  readonly min: number;
  readonly max: number;
  // Null below 100 samples, where "p99" would only be the maximum in disguise.
  readonly p99: number | null;
};

export function sampleFigures(values: readonly number[]): SampleFigures {
  if (values.length === 0) throw new RangeError('figures of no samples');
  return {
    n: values.length,
    median: median(values),
    interval: quantileInterval(values, 0.5, confidence),
    min: Math.min(...values),
    max: Math.max(...values),
    p99: supportsPercentile(values.length, 0.99) ? quantile(values, 0.99) : null,
  };
}
