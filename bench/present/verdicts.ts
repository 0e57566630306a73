// How a figure with its interval is written, everywhere a report or the workshop prints
// one: the interval beside the estimate, and `~` (benchstat's "no significant
// difference") in place of any ratio or share the interval cannot tell from nothing.
// Prose is built from these words only, so it cannot state noise as a finding.
import type { ChangeInterval } from '../judge/stats/change-interval.ts';
import { ratioVerdict } from '../judge/stats/ratio-verdict.ts';
import { minimumSamplesForInterval } from '../judge/stats/quantile-interval.ts';
import type { Share } from '../judge/stats/wave-shares.ts';
import { shareIsSignificant } from '../judge/stats/wave-shares.ts';
import { confidence } from './figures.ts';
import type { SampleFigures } from './figures.ts';
import { formatMs, formatMsSpan, formatPercent, formatPercentSpan, formatTimes, formatTimesSpan } from './format.ts';

export const noDifference = '~';

// A median's interval: "12.1–13.4 ms", or why there is none.
export function medianIntervalText(figures: SampleFigures): string {
  if (figures.interval.kind === 'interval') return formatMsSpan(figures.interval.low, figures.interval.high);
  return `none (n < ${minimumSamplesForInterval(0.5, confidence)})`;
}

// "1.23 s (n = 3)": a figure quoted in prose always says how many samples it rests on.
export function medianText(figures: SampleFigures): string {
  return `${formatMs(figures.median)} (n = ${figures.n})`;
}

// A ratio as "25.6× [24.1–27.3×]", `~ [0.81–1.10×]`, or why it has no interval.
export function ratioText(change: ChangeInterval): string {
  const verdict = ratioVerdict(change);
  if (verdict === 'too-few-samples') return `${formatTimes(change.ratio)}, no ${Math.round(confidence * 100)} % interval (too few samples)`;
  const span = `[${formatTimesSpan(change.low, change.high)}]`;
  return verdict === 'no-difference' ? `${noDifference} ${span}` : `${formatTimes(change.ratio)} ${span}`;
}

// A wave's share of the gain: "85.2% [80.1–90.3%]", `~ [-5.0–12.0%]`, or `~` without an
// interval when the samples cannot bound the split (a before of 3 pages at the
// Bonferroni-halved alpha has no interval), whatever the total gain's own verdict.
export function shareText(share: Share): string {
  if (share.low === null || share.high === null) return `${noDifference} (no interval: too few samples to split the gain)`;
  const span = `[${formatPercentSpan(share.low, share.high)}]`;
  return shareIsSignificant(share) ? `${formatPercent(share.estimate)} ${span}` : `${noDifference} ${span}`;
}

// For sentences: "2.1× faster", "no significant difference", "1.4× slower" (before / after).
export function speedupWords(change: ChangeInterval): string {
  const verdict = ratioVerdict(change);
  if (verdict === 'too-few-samples') return 'not distinguishable with so few samples';
  if (verdict === 'no-difference') return 'no significant difference';
  return verdict === 'higher' ? `${formatTimes(change.ratio)} faster` : `${formatTimes(1 / change.ratio)} slower`;
}
