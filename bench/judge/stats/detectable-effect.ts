// The minimum detectable effect of a comparison, read off its confidence interval: a
// true change of the interval's half-width would be found significant half the time;
// at 80 % power (the usual definition) it must be (z₁₋α/₂ + z₀.₈) / z₁₋α/₂ ≈ 1.43 times
// that (normal approximation of the power, on log values as the intervals are).
import type { ChangeInterval } from './change-interval.ts';
import { normalQuantile } from './normal.ts';

export const detectionPower = 0.8;

// Relative change, e.g. 0.12 for ±12 %; null when the interval is unbounded.
export function minimumDetectableEffect(change: ChangeInterval, alpha: number, power = detectionPower): number | null {
  if (!(change.low > 0 && Number.isFinite(change.high))) return null;
  const halfWidth = (Math.log(change.high) - Math.log(change.low)) / 2;
  const z = normalQuantile(1 - alpha / 2);
  return Math.exp((halfWidth * (z + normalQuantile(power))) / z) - 1;
}
