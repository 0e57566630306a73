// Ratios between two cells' pages, with the interval every ratio in a report carries
// (Hodges–Lehmann on log values, bench/judge/stats/change-interval.ts), over all samples.
import { changeInterval } from '../judge/stats/change-interval.ts';
import type { ChangeInterval } from '../judge/stats/change-interval.ts';
import type { PageFigures } from './cells.ts';
import { alpha } from './figures.ts';

// before / after: above 1 when `after` is faster.
export function speedup(before: PageFigures, after: PageFigures): ChangeInterval {
  return changeInterval(after.samplesMs, before.samplesMs, alpha);
}
