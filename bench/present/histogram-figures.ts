// The figures of a load run's latency histogram (or several merged): the same rules as
// for samples (bench/present/figures.ts), read off the histogram's ranks.
import type { Histogram, RankedValues } from '../measure/latency-histogram.ts';
import { msAtQuantile, msAtRank, rankedValues } from '../measure/latency-histogram.ts';
import { quantileIntervalRanks, supportsPercentile } from '../judge/stats/quantile-interval.ts';
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

function intervalAt(ranked: RankedValues, q: number): Bounds | null {
  const ranks = quantileIntervalRanks(ranked.count, q, confidence);
  if (ranks === null) return null;
  return { low: msAtRank(ranked, ranks.low + 1), high: msAtRank(ranked, ranks.high + 1) };
}

// Null for an empty histogram: nothing completed, nothing to describe.
export function histogramFigures(histogram: Histogram): HistogramFigures | null {
  const n = histogram.totalCount;
  if (n === 0) return null;
  const ranked = rankedValues(histogram);
  return {
    n,
    medianMs: msAtQuantile(ranked, 0.5),
    medianInterval: intervalAt(ranked, 0.5),
    p90Ms: supportsPercentile(n, 0.9) ? msAtQuantile(ranked, 0.9) : null,
    p99Ms: supportsPercentile(n, 0.99) ? msAtQuantile(ranked, 0.99) : null,
    p99Interval: supportsPercentile(n, 0.99) ? intervalAt(ranked, 0.99) : null,
    maxMs: msAtQuantile(ranked, 1),
    meanMs: histogram.mean / 1000,
  };
}
