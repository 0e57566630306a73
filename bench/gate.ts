// The CI gate. Counters fail on any increase: they count work per request and do not
// depend on the machine, so +1 query is a real regression. Timings fail only when
// slower with significance at alpha AND by more than the threshold, so noise never
// fails a build. Resources (peak RSS, load errors) are reported, never gated.
import type { Comparison, MetricComparison } from './compare.ts';
import { formatInterval, formatP, formatPercent, formatShare, formatValue } from './compare-numbers.ts';

export type GateResult = { pass: boolean; reasons: string[] };

export function isRegression(metric: MetricComparison): boolean {
  if (metric.kind === 'counter') return metric.verdict.kind === 'increased';
  if (metric.kind === 'latency' || metric.kind === 'throughput') return metric.verdict.kind === 'slower';
  return false;
}

function reasonFor(metric: MetricComparison, threshold: number): string {
  const before = formatValue(metric.base.median, metric.unit);
  const after = formatValue(metric.next.median, metric.unit);
  if (metric.kind === 'counter') return `${metric.id}: increased ${before} → ${after}`;
  const change = metric.change === null ? '' : ` ${formatPercent(metric.change.ratio)} ${formatInterval(metric.change)}`;
  const p = metric.p === null ? '' : `, p = ${formatP(metric.p)}`;
  return `${metric.id}: slower${change} (${before} → ${after}${p}; threshold ±${formatShare(threshold)})`;
}

export function gate(comparison: Comparison): GateResult {
  if (comparison.kind === 'refused') {
    return {
      pass: false,
      reasons: comparison.mismatches.map((m) => `environment differs: ${m.field} ${m.base} → ${m.next}`),
    };
  }
  // A gate that compared nothing must not pass: renamed targets or an empty run
  // would otherwise sail through.
  if (comparison.metrics.length === 0) return { pass: false, reasons: ['no metric is present in both runs'] };
  const reasons = comparison.metrics.filter(isRegression).map((metric) => reasonFor(metric, comparison.options.threshold));
  return { pass: reasons.length === 0, reasons };
}
