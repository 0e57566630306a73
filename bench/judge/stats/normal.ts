// The standard normal distribution, for the large-sample Mann-Whitney test and its
// confidence interval. Written out rather than imported: two small functions are
// easier to audit than a statistics package.

// Complementary error function, Chebyshev fit from Numerical Recipes (erfcc): relative
// error below 1.2e-7 everywhere, far finer than any p-value we print.
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(-z * z + poly);
  return x >= 0 ? value : 2 - value;
}

export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

// Bisection on the CDF: slower than a rational approximation, but obviously correct,
// and it runs once per comparison.
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile needs 0 < p < 1, got ${p}`);
  let low = -40;
  let high = 40;
  for (let step = 0; step < 200; step++) {
    const middle = (low + high) / 2;
    if (normalCdf(middle) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
