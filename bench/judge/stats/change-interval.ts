// How much NEW differs from BASE, as a ratio of medians (1.12 = +12 %), with a
// confidence interval for that ratio.
//
// Why Hodges-Lehmann on log values rather than a bootstrap: a run has a handful of
// repetitions, and a percentile bootstrap of 5 values only ever resamples those same
// 5 values, so its interval is too narrow and jumps between neighbouring data points.
// The Hodges-Lehmann interval is distribution-free, needs no random numbers (same
// inputs, same interval, nothing to seed), and comes from the same Mann-Whitney
// distribution as the p-value, so "interval excludes 1" and "p < alpha" tell one
// story. Logs turn a multiplicative change (a machine 20 % slower) into a shift,
// which is what the method assumes.
import { median } from './descriptive.ts';
import { exactCumulative, minimumAttainableP } from './mann-whitney.ts';
import { normalQuantile } from './normal.ts';

export type ChangeInterval = {
  // median(next) / median(base). The interval is centred on the Hodges-Lehmann
  // estimate instead, so with few, skewed values the ratio can sit near an edge.
  readonly ratio: number;
  // Bounds of the (1 − alpha) interval for the ratio; 0 and Infinity when the samples
  // are too small for that confidence at all.
  readonly low: number;
  readonly high: number;
};

// Rank k such that the k-th smallest and k-th largest of the m·n pairwise differences
// bound a (1 − alpha) interval (R's wilcox.test conf.int); null when even the most
// extreme outcome is not that unlikely.
export function confidenceRank(m: number, n: number, alpha: number): number | null {
  if (minimumAttainableP(m, n) >= alpha) return null;
  if (m <= 20 && n <= 20) {
    // Exact distribution even with ties: ties only blur the p-value slightly, and the
    // interval stays conservative.
    const cumulative = exactCumulative(m, n);
    let k = 0;
    while ((cumulative[k] ?? 1) < alpha / 2) k++;
    return k;
  }
  // Normal approximation with continuity correction: largest k with P(U <= k − 1) <= alpha/2.
  const sigma = Math.sqrt((m * n * (m + n + 1)) / 12);
  return Math.max(1, Math.floor((m * n) / 2 - normalQuantile(1 - alpha / 2) * sigma + 0.5));
}

export function changeInterval(base: readonly number[], next: readonly number[], alpha: number): ChangeInterval {
  if (base.length === 0 || next.length === 0) throw new RangeError('change interval of an empty sample');
  if (![...base, ...next].every((value) => value > 0 && Number.isFinite(value))) {
    throw new RangeError('change interval needs positive values (a ratio of zero is meaningless)');
  }
  const ratio = median(next) / median(base);
  const k = confidenceRank(base.length, next.length, alpha);
  if (k === null) return { ratio, low: 0, high: Infinity };
  const differences = base.flatMap((b) => next.map((x) => Math.log(x) - Math.log(b))).sort((x, y) => x - y);
  const low = differences[k - 1];
  const high = differences[differences.length - k];
  if (low === undefined || high === undefined) throw new Error(`confidence rank ${k} out of range`);
  return { ratio, low: Math.exp(low), high: Math.exp(high) };
}
