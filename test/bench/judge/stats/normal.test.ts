import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../../../bench/judge/stats/normal.ts';

// Reference values: scipy.stats.norm 1.17. The erfc fit is good to 1.2e-7 relative,
// so 7 decimals is the honest tolerance.
describe('normal distribution', () => {
  it('matches known CDF values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 7);
    expect(normalCdf(-1.5811388300841898)).toBeCloseTo(0.056923149003329024, 7);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 7);
  });

  it('inverts the CDF', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 6);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
