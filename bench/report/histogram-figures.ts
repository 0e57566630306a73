// The figures of a load run's latency histogram (or several merged): the same rules as
// for samples (bench/report/figures.ts), read off the histogram's ranks.
import type { Histogram } from '../latency-histogram.ts';
import { msAtQuantile, msAtRank } from '../latency-histogram.ts';
import { quantileIntervalRanks, supportsPercentile } from '../stats/quantile-interval.ts';
import { confidence } from './figures.ts';

export type Bounds = { readonly low: number; readonly high: number };

export type HistogramFigures = {
  readonly n: number;
  readonly medianMs: number;
  readonly medianInterval: Bounds | null;
  // Null when n does not support the percentile (p90 needs 10 answers, p99 100).
  readonly p90Ms: number | null;
  readonly p99Ms: number | null;
  // Null when n is too small to bound p99 at 95 % (under about 130 answers).
  readonly p99Interval: Bounds | null;
  readonly maxMs: number;
  readonly meanMs: number;
};

function intervalAt(histogram: Histogram, q: number): Bounds | null {
  const ranks = quantileIntervalRanks(histogram.totalCount, q, confidence);
  if (ranks === null) return null;
  return { low: msAtRank(histogram, ranks.low + 1), high: msAtRank(histogram, ranks.high + 1) };
}

// Null for an empty histogram: nothing completed, nothing to describe.
export function histogramFigures(histogram: Histogram): HistogramFigures | null {
  const n = histogram.totalCount;
  if (n === 0) return null;
  return {
    n,
    medianMs: msAtQuantile(histogram, 0.5),
    medianInterval: intervalAt(histogram, 0.5),
    p90Ms: supportsPercentile(n, 0.9) ? msAtQuantile(histogram, 0.9) : null,
    p99Ms: supportsPercentile(n, 0.99) ? msAtQuantile(histogram, 0.99) : null,
    p99Interval: supportsPercentile(n, 0.99) ? intervalAt(histogram, 0.99) : null,
    maxMs: msAtQuantile(histogram, 1),
    meanMs: histogram.mean / 1000,
  };
}
