// What a ratio with its confidence interval may be called, benchstat's way: an
// interval that includes 1 is "no significant difference" (printed `~`), never a
// speedup or a slowdown, however far its point estimate is from 1.
import type { ChangeInterval } from './change-interval.ts';

export type RatioVerdict =
  | 'higher'
  | 'lower'
  | 'no-difference'
  // The samples are too few for an interval at that confidence at all (3 vs 3 at 95 %).
  | 'too-few-samples';

export function ratioVerdict(change: ChangeInterval): RatioVerdict {
  if (change.low === 0 && change.high === Infinity) return 'too-few-samples';
  if (change.low > 1) return 'higher';
  if (change.high < 1) return 'lower';
  return 'no-difference';
}

export function isSignificant(change: ChangeInterval): boolean {
  const verdict = ratioVerdict(change);
  return verdict === 'higher' || verdict === 'lower';
}
