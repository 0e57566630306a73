// Page time = a + k · RTT, fitted with the Theil–Sen estimator: k is the median of the
// slopes between every pair of samples taken at different latencies, a the median of
// y − k·x. Its confidence interval for k (Sen 1968) comes from Kendall's tau, so it
// assumes no distribution of the errors, and one slow outlier moves k by at most one
// pair's rank, where a least-squares fit would tilt the whole line towards it.
// Same estimates and interval as scipy.stats.theilslopes (method 'separate').
import { median } from './descriptive.ts';
import { normalQuantile } from './normal.ts';

export type Point = { readonly x: number; readonly y: number };

export type SlopeFit = {
  readonly slope: number;
  readonly intercept: number;
  // Null when the points cannot bound the slope at that confidence (too few pairs).
  readonly low: number | null;
  readonly high: number | null;
  readonly points: number;
  // Distinct x values: a slope needs two, and is well determined only with more.
  readonly levels: number;
};

// Sizes of groups of equal values, for the tie terms of Kendall's variance.
function tieSizes(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.values()].filter((count) => count > 1);
}

// numpy rounds halves to even; so must we, to pick the same ranks as scipy.
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (Math.abs(fraction - 0.5) > 1e-9) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

export function theilSen(points: readonly Point[], confidence = 0.95): SlopeFit {
  const levels = new Set(points.map((p) => p.x)).size;
  if (levels < 2) throw new RangeError('a slope needs points at two x values at least');
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = 0; j < points.length; j++) {
      const a = points[i] as Point;
      const b = points[j] as Point;
      if (b.x > a.x) slopes.push((b.y - a.y) / (b.x - a.x));
    }
  }
  slopes.sort((p, q) => p - q);
  const slope = median(slopes);
  const intercept = median(points.map((p) => p.y)) - slope * median(points.map((p) => p.x));

  // Sen (1968), equation 2.6: the variance of Kendall's S, less the ties in x and in y.
  const n = points.length;
  const tieTerm = (sizes: number[]): number => sizes.reduce((sum, k) => sum + k * (k - 1) * (2 * k + 5), 0);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm(tieSizes(points.map((p) => p.x))) - tieTerm(tieSizes(points.map((p) => p.y)))) / 18;
  const spread = normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt(Math.max(variance, 0));
  const upper = roundHalfEven((slopes.length + spread) / 2);
  const lower = roundHalfEven((slopes.length - spread) / 2) - 1;
  // scipy clamps ranks that fall outside the slopes; an interval that needs more pairs
  // than there are is no interval at all, so here it is left unbounded.
  const bounded = lower >= 0 && upper <= slopes.length - 1;
  return {
    slope,
    intercept,
    low: bounded ? (slopes[lower] as number) : null,
    high: bounded ? (slopes[upper] as number) : null,
    points: n,
    levels,
  };
}
