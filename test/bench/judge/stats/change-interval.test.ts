import { describe, expect, it } from 'vitest';
import { changeInterval, confidenceRank } from '../../../../bench/judge/stats/change-interval.ts';
import { exactCumulative } from '../../../../bench/judge/stats/mann-whitney.ts';

function noisy(seed: number, count: number, center: number, spread: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return center * (1 + spread * ((state / 2 ** 31) * 2 - 1));
  });
}

describe('confidenceRank', () => {
  it('5 vs 5 at alpha 0.05: P(U <= 2) = 4/252 < 0.025 <= P(U <= 3) = 7/252, so k = 3', () => {
    expect(confidenceRank(5, 5, 0.05)).toBe(3);
  });

  it('is null when the samples cannot reach the confidence at all', () => {
    expect(confidenceRank(3, 3, 0.05)).toBeNull();
  });

  it('the normal approximation (above 20) agrees with the exact distribution', () => {
    // Exact qwilcox(0.025, 21, 21) from the distribution; the approximation may differ by one.
    const cumulative = exactCumulative(21, 21);
    const exact = cumulative.findIndex((p) => p >= 0.025);
    expect(Math.abs((confidenceRank(21, 21, 0.05) ?? 0) - exact)).toBeLessThanOrEqual(1);
  });
});

describe('changeInterval', () => {
  it('hand-checked 5 vs 5: log values 0.1 apart, shifted by log 1.25', () => {
    // Pairwise log differences are s + 0.1·j for j = −4…4 with multiplicities 5 − |j|;
    // sorted, the 3rd is s − 0.3 and the 23rd is s + 0.3.
    const base = [0, 0.1, 0.2, 0.3, 0.4].map(Math.exp);
    const next = base.map((value) => value * 1.25);
    const result = changeInterval(base, next, 0.05);
    expect(result.ratio).toBeCloseTo(1.25, 12);
    expect(result.low).toBeCloseTo(1.25 * Math.exp(-0.3), 12);
    expect(result.high).toBeCloseTo(1.25 * Math.exp(0.3), 12);
  });

  it('contains the true ratio of a clean synthetic shift', () => {
    for (const [count, truth] of [[6, 1.3], [10, 0.8], [30, 1.12]] as const) {
      const base = noisy(1, count, 100, 0.03);
      const next = noisy(2, count, 100 * truth, 0.03);
      const result = changeInterval(base, next, 0.05);
      expect(result.low).toBeLessThan(truth);
      expect(result.high).toBeGreaterThan(truth);
      expect(result.ratio).toBeCloseTo(truth, 1);
    }
  });

  it('excludes 1 for a clear change and includes it for noise', () => {
    const base = noisy(3, 8, 50, 0.02);
    expect(changeInterval(base, noisy(4, 8, 60, 0.02), 0.05).low).toBeGreaterThan(1);
    const same = changeInterval(base, noisy(5, 8, 50, 0.02), 0.05);
    expect(same.low).toBeLessThan(1);
    expect(same.high).toBeGreaterThan(1);
  });

  it('is unbounded when the samples are too small for the confidence', () => {
    expect(changeInterval([1, 2, 3], [4, 5, 6], 0.05)).toEqual({ ratio: 2.5, low: 0, high: Infinity });
  });

  it('rejects values with no logarithm', () => {
    expect(() => changeInterval([0, 1, 2, 3], [1, 2, 3, 4], 0.05)).toThrow(RangeError);
  });
});
