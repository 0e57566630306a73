// A distribution-free confidence interval for a quantile (the median, p99) from order
// statistics: the k-th smallest of n independent samples lies below the true quantile q
// with a binomial probability, whatever the distribution. Chosen over a bootstrap
// because a page timed 3 to 40 times is exactly where a bootstrap misleads: resampling
// 3 values only ever returns those 3 values, so its interval is too narrow and jumps
// between them. Order statistics say instead, exactly, what n samples can support.
// Same ranks as scipy.stats.quantile_test(...).confidence_interval().
import { binomialCumulative, binomialQuantile, binomialUpperQuantile } from './binomial.ts';

export type QuantileInterval =
  // The equal-tailed interval at (at least) the asked confidence.
  | { readonly kind: 'interval'; readonly low: number; readonly high: number; readonly coverage: number }
  // Too few samples for that confidence: the sample's whole range, and the confidence
  // it does have (for the median: 1 − 2 · 0.5ⁿ, 75 % at n = 3, 94 % at n = 5).
  | { readonly kind: 'range'; readonly low: number; readonly high: number; readonly coverage: number };

// 0-based ranks [low, high] of the interval in n sorted samples, null when n is too small.
export function quantileIntervalRanks(n: number, q: number, confidence: number): { low: number; high: number; coverage: number } | null {
  if (n === 0) return null;
  const cumulative = binomialCumulative(n, q);
  const tail = (1 - confidence) / 2;
  const low = binomialQuantile(cumulative, tail) - 1;
  const high = binomialUpperQuantile(cumulative, tail);
  if (low < 0 || high >= n) return null;
  return { low, high, coverage: coverageOf(cumulative, low, high) };
}

// The order statistics x(low+1) … x(high+1) bracket the quantile when between low+1 and
// high of the samples fall below it: P(B <= high) − P(B <= low).
function coverageOf(cumulative: readonly number[], low: number, high: number): number {
  return (cumulative[high] ?? 1) - (cumulative[low] ?? 0);
}

// The smallest n whose interval for quantile q reaches the confidence (6 for the median at 95 %).
export function minimumSamplesForInterval(q: number, confidence: number): number {
  let n = 1;
  while (quantileIntervalRanks(n, q, confidence) === null) n++;
  return n;
}

export function quantileInterval(values: readonly number[], q: number, confidence: number): QuantileInterval {
  if (values.length === 0) throw new RangeError('interval of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const ranks = quantileIntervalRanks(sorted.length, q, confidence);
  if (ranks !== null) {
    return { kind: 'interval', low: sorted[ranks.low] as number, high: sorted[ranks.high] as number, coverage: ranks.coverage };
  }
  const coverage = coverageOf(binomialCumulative(sorted.length, q), 0, sorted.length - 1);
  return { kind: 'range', low: sorted[0] as number, high: sorted.at(-1) as number, coverage };
}

// A percentile is printed only from enough samples that it is not simply the maximum:
// p99 needs 100, p90 10 (with fewer, "p99" would be an interpolation towards the max).
export function supportsPercentile(n: number, q: number): boolean {
  return n >= Math.round(1 / (1 - q));
}
