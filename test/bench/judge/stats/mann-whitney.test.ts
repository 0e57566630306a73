import { describe, expect, it } from 'vitest';
import {
  exactCumulative,
  mannWhitney,
  minimumAttainableP,
  minimumRepetitions,
} from '../../../../bench/judge/stats/mann-whitney.ts';

// Every way to pick which m of the m + n ranks belong to the first sample, each
// equally likely under the null hypothesis: the definition of the exact distribution.
function bruteForceCumulative(m: number, n: number): number[] {
  const counts = new Array<number>(m * n + 1).fill(0);
  const total = m + n;
  for (let mask = 0; mask < 1 << total; mask++) {
    let ones = 0;
    for (let bit = 0; bit < total; bit++) if (mask & (1 << bit)) ones++;
    if (ones !== m) continue;
    // U of the first sample = pairs (first-sample rank > second-sample rank).
    let u = 0;
    for (let i = 0; i < total; i++) {
      if (!(mask & (1 << i))) continue;
      for (let j = 0; j < i; j++) if (!(mask & (1 << j))) u++;
    }
    counts[u] = (counts[u] ?? 0) + 1;
  }
  const sum = counts.reduce((a, b) => a + b, 0);
  let running = 0;
  return counts.map((count) => (running += count) / sum);
}

describe('mannWhitney, exact (small samples, no ties)', () => {
  it('n1 = n2 = 3, fully separated: p = 2 / C(6,3) = 0.1', () => {
    expect(mannWhitney([1, 2, 3], [4, 5, 6])).toEqual({ u: 0, p: 0.1, method: 'exact' });
    expect(mannWhitney([4, 5, 6], [1, 2, 3])).toEqual({ u: 9, p: 0.1, method: 'exact' });
  });

  it('n1 = n2 = 5, fully separated: p = 2 / C(10,5) = 2/252', () => {
    const result = mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(result.u).toBe(0);
    expect(result.p).toBeCloseTo(2 / 252, 12);
  });

  it('one overlap in 3 vs 3: U = 1, P(U <= 1) = 2/20, p = 0.2 (by hand; scipy agrees)', () => {
    expect(mannWhitney([1, 2, 4], [3, 5, 6]).p).toBeCloseTo(0.2, 12);
  });

  it('is symmetric in its arguments', () => {
    const a = [3.1, 4.7, 2.2, 5.9, 4.1];
    const b = [5.5, 6.1, 4.4, 7.3];
    const ab = mannWhitney(a, b);
    const ba = mannWhitney(b, a);
    expect(ab.u + ba.u).toBe(a.length * b.length);
    expect(ab.p).toBeCloseTo(ba.p, 12);
  });

  it('matches the distribution enumerated by brute force', () => {
    for (const [m, n] of [[4, 3], [5, 4], [6, 6], [2, 7]] as const) {
      const exact = exactCumulative(m, n);
      bruteForceCumulative(m, n).forEach((value, u) => expect(exact[u]).toBeCloseTo(value, 12));
    }
  });
});

describe('mannWhitney, normal approximation (ties or large samples)', () => {
  it("R's wilcox.test example: W = 58, p-value = 0.1329", () => {
    // y has ties (1.06 and 1.29 twice), so R uses the normal approximation with tie and
    // continuity corrections here, not the exact test (exact would give 0.1359).
    // Reference: R 0.1329; scipy.stats.mannwhitneyu(method='asymptotic') 0.13291945818531892.
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const result = mannWhitney(x, y);
    expect(result.u).toBe(58);
    expect(result.method).toBe('normal');
    expect(result.p).toBeCloseTo(0.13291945818531892, 6);
  });

  it('ties across samples: 1..5 vs 3..7', () => {
    // By hand: U = 4.5; three tied pairs, sigma² = (25/12)(11 − 18/90) = 22.5;
    // z = (4.5 − 12.5 + 0.5) / sqrt(22.5) = −1.58114; p = 2 Φ(−1.58114) = 0.1138463.
    // scipy asymptotic: 0.11384629800665805.
    const result = mannWhitney([1, 2, 3, 4, 5], [3, 4, 5, 6, 7]);
    expect(result.u).toBe(4.5);
    expect(result.p).toBeCloseTo(0.11384629800665805, 6);
  });

  it('large samples without ties (25 vs 25)', () => {
    const first = Array.from({ length: 25 }, (_, i) => i + 1);
    // Fully separated: z = (312.5 − 0.5) / sqrt(625 · 51 / 12); scipy: 1.4156562248495537e-9.
    const separated = mannWhitney(first, first.map((v) => v + 25));
    expect(separated.method).toBe('normal');
    expect(separated.p / 1.4156562248495537e-9).toBeCloseTo(1, 5);
    // Partly overlapping, U = 78; scipy: 5.618306190480146e-6.
    const overlapping = mannWhitney(first, first.map((v) => v + 12.5));
    expect(overlapping.u).toBe(78);
    expect(overlapping.p / 5.618306190480146e-6).toBeCloseTo(1, 5);
  });
});

describe('mannWhitney, degenerate cases', () => {
  it('identical samples give p = 1', () => {
    expect(mannWhitney([1, 2, 3, 4], [1, 2, 3, 4])).toMatchObject({ u: 8, p: 1 });
  });

  it('all values equal gives p = 1, not NaN', () => {
    expect(mannWhitney([5, 5, 5], [5, 5, 5, 5])).toMatchObject({ u: 6, p: 1 });
  });

  it('two constant but different samples are clearly different', () => {
    expect(mannWhitney([10, 10, 10, 10, 10], [12, 12, 12, 12, 12]).p).toBeLessThan(0.01);
  });

  it('rejects empty and non-finite samples', () => {
    expect(() => mannWhitney([], [1])).toThrow(RangeError);
    expect(() => mannWhitney([1, Number.NaN], [1])).toThrow(RangeError);
  });
});

describe('how many repetitions a test needs', () => {
  it('gives the smallest attainable p', () => {
    expect(minimumAttainableP(3, 3)).toBeCloseTo(0.1, 12);
    expect(minimumAttainableP(4, 4)).toBeCloseTo(2 / 70, 12);
    expect(minimumAttainableP(4, 3)).toBeCloseTo(2 / 35, 12);
    expect(minimumAttainableP(1, 1)).toBe(1);
    expect(minimumAttainableP(0, 5)).toBe(1);
  });

  it('gives the fewest equal repetitions that can reach alpha', () => {
    expect(minimumRepetitions(0.05)).toBe(4);
    expect(minimumRepetitions(0.01)).toBe(5);
    expect(minimumRepetitions(0.1)).toBe(4);
  });
});
