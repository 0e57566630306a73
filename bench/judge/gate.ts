// The CI gate. Counters fail on any increase: they count work per request and do not
// depend on the machine, so +1 statement is a real regression, and a statement run more
// often is named by its fingerprint. Rows read, which follows the query plan, fails only
// beyond its tolerance. Timings fail only when slower with significance at alpha AND by
// more than the threshold, so noise never fails a build. Resources (peak RSS, load
// errors) are reported, never gated. A metric of BASE missing from NEW fails unless an
// --allow-missing pattern names it: a skipped cell or a dropped route must not pass.
import type { Comparison, MetricComparison, MissingMetric } from './compare.ts';
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
  if (metric.kind === 'counter') return `${metric.id}: increased ${before} → ${after}${metric.base.median === 0 ? ' (new)' : ''}`;
  const change = metric.change === null ? '' : ` ${formatPercent(metric.change.ratio)} ${formatInterval(metric.change)}`;
  const p = metric.p === null ? '' : `, p = ${formatP(metric.p)}`;
  return `${metric.id}: slower${change} (${before} → ${after}${p}; threshold ±${formatShare(threshold)})`;
}

export function missingReason(metric: MissingMetric): string {
  return `${metric.id}: missing in NEW${metric.skipped === null ? '' : ` (skipped: ${metric.skipped})`}`;
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
  const regressions = comparison.metrics.filter(isRegression).map((metric) => reasonFor(metric, comparison.options.threshold));
  const missing = comparison.missing.filter((metric) => metric.allowedBy === null).map(missingReason);
  const reasons = [...regressions, ...missing];
  return { pass: reasons.length === 0, reasons };
}
