// Two-sided Mann-Whitney U test, the test benchstat uses: it assumes no distribution,
// only that a run's repetitions are independent, which suits skewed latencies.
// Exact p-value for small samples without ties (n1, n2 <= 20); otherwise the normal
// approximation with tie and continuity corrections. Same results as R's wilcox.test.
import { normalCdf } from './normal.ts';

export type MannWhitney = {
  // U of the first sample: the number of pairs (a, b) with a > b, ties counting 1/2 (R's W).
  readonly u: number;
  readonly p: number;
  readonly method: 'exact' | 'normal';
};

const exactLimit = 20;

const cumulativeCache = new Map<string, readonly number[]>();

// Number of orderings giving each U, by the largest observation: if it belongs to
// the first sample it beats all n of the second (adds n), otherwise it adds nothing.
function frequencies(m: number, n: number, memo: Map<string, number[]>): number[] {
  if (m === 0 || n === 0) return [1];
  const key = `${m},${n}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const firstIsLargest = frequencies(m - 1, n, memo);
  const secondIsLargest = frequencies(m, n - 1, memo);
  const counts = Array.from({ length: m * n + 1 }, (_, u) => (firstIsLargest[u - n] ?? 0) + (secondIsLargest[u] ?? 0));
  memo.set(key, counts);
  return counts;
}

// P(U <= u) under the null hypothesis, for u = 0 … m·n. Counts stay below
// C(40, 20) ≈ 1.4e11, so doubles hold them exactly.
export function exactCumulative(m: number, n: number): readonly number[] {
  const key = `${m},${n}`;
  const cached = cumulativeCache.get(key);
  if (cached !== undefined) return cached;
  const counts = frequencies(m, n, new Map());
  const total = counts.reduce((sum, count) => sum + count, 0);
  let running = 0;
  const cumulative = counts.map((count) => (running += count) / total);
  cumulativeCache.set(key, cumulative);
  return cumulative;
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

// The most extreme outcome (complete separation) has p = 2 / C(n1 + n2, n1): with
// 3 vs 3 repetitions that is 0.1, so no difference can ever be significant at 0.05.
export function minimumAttainableP(n1: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 1;
  return Math.min(1, 2 / binomial(n1 + n2, n1));
}

// Fewest repetitions per run (equal on both sides) for which p < alpha is possible.
export function minimumRepetitions(alpha: number): number {
  let n = 1;
  while (minimumAttainableP(n, n) >= alpha) n++;
  return n;
}

// Sizes of groups of equal values across both samples, for the tie correction.
function tieGroups(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.values()].filter((count) => count > 1);
}

function checkSample(values: readonly number[], name: string): void {
  if (values.length === 0) throw new RangeError(`Mann-Whitney: ${name} sample is empty`);
  if (!values.every(Number.isFinite)) throw new RangeError(`Mann-Whitney: ${name} sample has a non-finite value`);
}

export function mannWhitney(a: readonly number[], b: readonly number[]): MannWhitney {
  checkSample(a, 'first');
  checkSample(b, 'second');
  const n1 = a.length;
  const n2 = b.length;
  // By definition rather than via rank sums: the samples are repetitions, a few dozen at most.
  let u = 0;
  for (const x of a) for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0;
  const ties = tieGroups([...a, ...b]);

  if (n1 <= exactLimit && n2 <= exactLimit && ties.length === 0) {
    // Two-sided: double the tail U fell in; the null distribution is symmetric, so the
    // upper tail P(U >= u) equals the lower tail P(U <= n1·n2 − u).
    const tail = exactCumulative(n1, n2)[Math.min(u, n1 * n2 - u)] ?? 1;
    return { u, p: Math.min(1, 2 * tail), method: 'exact' };
  }

  const total = n1 + n2;
  const tieTerm = ties.reduce((sum, t) => sum + t ** 3 - t, 0) / (total * (total - 1));
  const sigma = Math.sqrt(((n1 * n2) / 12) * (total + 1 - tieTerm));
  // All values equal: nothing separates the samples.
  if (sigma === 0) return { u, p: 1, method: 'normal' };
  const distance = u - (n1 * n2) / 2;
  const z = (distance - Math.sign(distance) * 0.5) / sigma;
  return { u, p: Math.min(1, 2 * normalCdf(-Math.abs(z))), method: 'normal' };
}
