import { describe, expect, it } from 'vitest';
import { binomialCumulative, logGamma } from '../../../../bench/judge/stats/binomial.ts';
import {
  minimumSamplesForInterval,
  quantileInterval,
  quantileIntervalRanks,
  supportsPercentile,
} from '../../../../bench/judge/stats/quantile-interval.ts';

describe('binomialCumulative', () => {
  it('equals scipy.stats.binom(10, 0.3).cdf', () => {
    const scipy = [0.0282475249, 0.1493083459, 0.3827827864, 0.6496107184, 0.8497316674, 0.9526510126, 0.9894079216, 0.9984096136, 0.9998563141, 0.9999940951, 1];
    binomialCumulative(10, 0.3).forEach((value, k) => expect(value).toBeCloseTo(scipy[k] ?? NaN, 10));
  });

  it('logGamma gives log factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(1001)).toBeCloseTo(5912.128178488163, 8); // math.lgamma(1001)
  });
});

describe('quantileIntervalRanks', () => {
  // scipy: bd = binom(n, q); low = int(bd.ppf(0.025)) - 1; high = int(bd.isf(0.025));
  // coverage = bd.cdf(high) - bd.cdf(low) (the ranks quantile_test's interval uses).
  const scipy: readonly [number, number, [number, number, number] | null][] = [
    [5, 0.5, null],
    [6, 0.5, [0, 5, 0.96875]],
    [7, 0.5, [0, 6, 0.984375]],
    [10, 0.5, [1, 8, 0.978515625]],
    [25, 0.5, [7, 17, 0.9567147493]],
    [40, 0.5, [13, 26, 0.9615226917]],
    [101, 0.5, [40, 60, 0.9539559331]],
    [5000, 0.5, [2430, 2569, 0.9506841419]],
    [25, 0.9, null],
    [40, 0.9, [31, 39, 0.9697238116]],
    [1000, 0.9, [880, 918, 0.9549071811]],
    [101, 0.99, null],
    [1000, 0.99, [982, 996, 0.9760947635]],
    [5000, 0.99, [4935, 4963, 0.9537403179]],
  ];
  it.each(scipy)('n = %i, q = %f matches scipy', (n, q, expected) => {
    const ranks = quantileIntervalRanks(n, q, 0.95);
    if (expected === null) return expect(ranks).toBeNull();
    expect(ranks).toMatchObject({ low: expected[0], high: expected[1] });
    expect(ranks?.coverage).toBeCloseTo(expected[2], 9);
  });

  it('a 95 % interval for the median needs 6 samples', () => {
    expect(minimumSamplesForInterval(0.5, 0.95)).toBe(6);
  });
});

describe('quantileInterval', () => {
  it('equals scipy.stats.quantile_test(x).confidence_interval() for n = 10', () => {
    const x = [13.843, 19.852, 26.526, 11.732, 16.726, 9.389, 11.991, 9.615, 18.283, 12.098];
    expect(quantileInterval(x, 0.5, 0.95)).toMatchObject({ kind: 'interval', low: 9.615, high: 19.852 });
  });

  it('below 6 samples shows the range, with the confidence it really has', () => {
    const three = quantileInterval([3, 1, 2], 0.5, 0.95);
    expect(three).toMatchObject({ kind: 'range', low: 1, high: 3 });
    expect(three.coverage).toBeCloseTo(0.75, 12);
    expect(quantileInterval([5, 1, 4, 2, 3], 0.5, 0.95).coverage).toBeCloseTo(1 - 2 / 32, 12);
  });
});

describe('supportsPercentile', () => {
  it('p99 from 100 samples, p90 from 10, p50 from 2', () => {
    expect(supportsPercentile(99, 0.99)).toBe(false);
    expect(supportsPercentile(100, 0.99)).toBe(true);
    expect(supportsPercentile(9, 0.9)).toBe(false);
    expect(supportsPercentile(10, 0.9)).toBe(true);
    expect(supportsPercentile(2, 0.5)).toBe(true);
  });
});
