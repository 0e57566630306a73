import { describe, expect, it } from 'vitest';
import { theilSen } from '../../../../bench/judge/stats/theil-sen.ts';

const points = (xs: readonly number[], ys: readonly number[]) => xs.map((x, i) => ({ x, y: ys[i] ?? NaN }));

describe('theilSen', () => {
  it('equals scipy.stats.theilslopes on a sweep with one slow outlier', () => {
    // A page of 31 round trips at 0, 1, 2, 5 ms injected, three samples each; 175.0 is an outlier.
    const fit = theilSen(points(
      [0, 0, 0, 1, 1, 1, 2, 2, 2, 5, 5, 5],
      [4.1, 3.9, 4.3, 35.2, 34.8, 36.0, 66.1, 65.7, 67.9, 159.0, 158.2, 175.0],
    ));
    expect(fit.slope).toBeCloseTo(30.973333333333336, 10);
    expect(fit.intercept).toBeCloseTo(4.3899999999999935, 10);
    expect(fit.low).toBeCloseTo(30.779999999999994, 10);
    expect(fit.high).toBeCloseTo(32.0, 10);
    expect(fit).toMatchObject({ points: 12, levels: 4 });
  });

  it('equals scipy with many ties in x (two latencies, six samples each)', () => {
    const fit = theilSen(points([0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2], [5.01, 5.2, 4.9, 5.5, 5.05, 5.3, 9.1, 9.3, 8.9, 9.0, 9.8, 9.2]));
    expect(fit).toMatchObject({ slope: 2.0, intercept: 5.2 });
    expect(fit.low).toBeCloseTo(1.85, 10);
    expect(fit.high).toBeCloseTo(2.2, 10);
  });

  it('leaves k unbounded where scipy would clamp the ranks (four points)', () => {
    // scipy: slope 2.05, intercept 9.9375, and a clamped "interval" [2.0, 2.1667].
    const fit = theilSen(points([0, 0.5, 2, 5], [10, 11, 14, 20.5]));
    expect(fit.slope).toBeCloseTo(2.05, 12);
    expect(fit.intercept).toBeCloseTo(9.9375, 12);
    expect(fit.low).toBeNull();
    expect(fit.high).toBeNull();
  });

  it('refuses points at a single x', () => {
    expect(() => theilSen(points([1, 1], [2, 3]))).toThrow(/two x values/);
  });
});
