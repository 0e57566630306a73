// Holm's step-down adjustment: a gate that tests 35 timings at p < 0.05 each raises a
// false alarm on far more than 5 % of unchanged runs; adjusted p-values keep the chance
// of any false alarm among them at most alpha, whatever their dependence, and are never
// more conservative than Bonferroni's (Holm 1979).
export function holmAdjusted(pValues: readonly number[]): number[] {
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(pValues.length).fill(1);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
