// How much of a before → after gain each of two waves gave, in the article's order
// (before → middle → after), with a confidence interval for each share.
//
// share of the first wave = (B − M) / (B − A) = (1 − M/B) / (1 − A/B), a function of two
// ratios to the before: M/B and A/B. Each gets a Hodges–Lehmann interval (the one every
// ratio in the reports uses) at alpha / 2, so by Bonferroni both hold together with at
// least 1 − alpha confidence whatever their dependence; the share's bounds are its
// extremes over that rectangle, which lie at its corners (the share is monotone in each
// ratio there). Distribution-free and deterministic, like the ratios themselves.
import { changeInterval } from './change-interval.ts';
import type { ChangeInterval } from './change-interval.ts';
import { median } from './descriptive.ts';

export type Share = {
  readonly estimate: number;
  // Null when the total gain itself is not significant: a share of noise is not a share.
  readonly low: number | null;
  readonly high: number | null;
};

export type WaveShares = {
  // after / before, at alpha: the whole gain.
  readonly total: ChangeInterval;
  readonly first: Share;
  readonly second: Share;
};

export function waveShares(before: readonly number[], middle: readonly number[], after: readonly number[], alpha: number): WaveShares {
  const total = changeInterval(before, after, alpha);
  const b = median(before);
  const gain = b - median(after);
  // No gain at all: nothing to share out (and the interval below is unbounded anyway).
  const estimate = gain === 0 ? 0 : (b - median(middle)) / gain;
  const toMiddle = changeInterval(before, middle, alpha / 2);
  const toAfter = changeInterval(before, after, alpha / 2);
  const unbounded = toAfter.high >= 1 || toMiddle.high === Infinity || toAfter.low === 0;
  if (unbounded) {
    return { total, first: { estimate, low: null, high: null }, second: { estimate: 1 - estimate, low: null, high: null } };
  }
  const share = (m: number, a: number): number => (1 - m) / (1 - a);
  const corners = [toMiddle.low, toMiddle.high].flatMap((m) => [toAfter.low, toAfter.high].map((a) => share(m, a)));
  const low = Math.min(...corners);
  const high = Math.max(...corners);
  return { total, first: { estimate, low, high }, second: { estimate: 1 - estimate, low: 1 - high, high: 1 - low } };
}

// A share whose interval includes 0 is a wave that may have given nothing: `~`.
export function shareIsSignificant(share: Share): boolean {
  return share.low !== null && share.high !== null && (share.low > 0 || share.high < 0);
}
