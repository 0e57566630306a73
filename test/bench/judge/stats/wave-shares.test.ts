import { describe, expect, it } from 'vitest';
import { changeInterval } from '../../../../bench/judge/stats/change-interval.ts';
import { minimumDetectableEffect } from '../../../../bench/judge/stats/detectable-effect.ts';
import { ratioVerdict } from '../../../../bench/judge/stats/ratio-verdict.ts';
import { shareIsSignificant, waveShares } from '../../../../bench/judge/stats/wave-shares.ts';

// Log values 0.1 apart, as change-interval.test.ts uses: every ratio is an exact shift.
const spread = (center: number, count: number): number[] => Array.from({ length: count }, (_, j) => center * Math.exp(0.1 * j));

describe('waveShares', () => {
  const before = spread(1000, 8);
  const middle = spread(500, 8);
  const after = spread(100, 8);

  it('estimates each wave\'s share from the medians: (B − M) / (B − A)', () => {
    const shares = waveShares(before, middle, after, 0.05);
    expect(shares.first.estimate).toBeCloseTo(500 / 900, 12);
    expect(shares.second.estimate).toBeCloseTo(400 / 900, 12);
    expect(shares.total.ratio).toBeCloseTo(0.1, 12);
  });

  it('bounds each share by the corners of the two ratios\' intervals at alpha / 2', () => {
    const shares = waveShares(before, middle, after, 0.05);
    const m = changeInterval(before, middle, 0.025);
    const a = changeInterval(before, after, 0.025);
    const corners = [m.low, m.high].flatMap((r) => [a.low, a.high].map((t) => (1 - r) / (1 - t)));
    expect(shares.first.low).toBeCloseTo(Math.min(...corners), 12);
    expect(shares.first.high).toBeCloseTo(Math.max(...corners), 12);
    expect((shares.second.low ?? NaN) + (shares.first.high ?? NaN)).toBeCloseTo(1, 12);
    expect(shares.first.low).toBeLessThan(500 / 900);
    expect(shares.first.high).toBeGreaterThan(500 / 900);
    expect(shareIsSignificant(shares.first)).toBe(true);
  });

  it('calls a wave that changed nothing `~`', () => {
    const shares = waveShares(before, spread(1000, 8), after, 0.05);
    expect(shares.first.low).toBeLessThan(0);
    expect(shareIsSignificant(shares.first)).toBe(false);
    expect(shareIsSignificant(shares.second)).toBe(true);
  });

  it('has no share interval when the total gain is not significant', () => {
    const shares = waveShares(before, spread(990, 8), spread(1010, 8), 0.05);
    expect(ratioVerdict(shares.total)).toBe('no-difference');
    expect(shares.first).toMatchObject({ low: null, high: null });
  });
});

describe('ratioVerdict', () => {
  it('is `~` when the interval includes 1, and too few samples when unbounded', () => {
    expect(ratioVerdict({ ratio: 0.6, low: 0.4, high: 1.1 })).toBe('no-difference');
    expect(ratioVerdict({ ratio: 2, low: 1.5, high: 2.5 })).toBe('higher');
    expect(ratioVerdict({ ratio: 0.5, low: 0.4, high: 0.6 })).toBe('lower');
    expect(ratioVerdict({ ratio: 3, low: 0, high: Infinity })).toBe('too-few-samples');
  });
});

describe('minimumDetectableEffect', () => {
  it('is 1.43 half-widths on log values at alpha 0.05 and 80 % power', () => {
    // Half-width 0.1 on the log scale: e^(0.1 · (1.959964 + 0.841621) / 1.959964) − 1.
    const mde = minimumDetectableEffect({ ratio: 1, low: Math.exp(-0.1), high: Math.exp(0.1) }, 0.05);
    expect(mde).toBeCloseTo(Math.exp((0.1 * (1.959963984540054 + 0.8416212335729143)) / 1.959963984540054) - 1, 6);
    expect(minimumDetectableEffect({ ratio: 1, low: 0, high: Infinity }, 0.05)).toBeNull();
  });
});
