// Latency relative to the baseline target measured in the same cell and repetition.
// A CI runner is not the reference machine: its absolute timings differ from the
// reference run's, but a target's speed relative to the baseline measured seconds
// earlier on the same machine should not. Dividing per repetition cancels the machine.
import { cellName, metricsOf } from './metrics.ts';
import type { Metric } from './metrics.ts';
import type { Measurement, Report } from '../report/schema.ts';

export const referenceTarget = 'baseline';

// A metric id ends with its cell's name; swapping the target in it names the same
// measurement of the reference target.
function cellSuffix(target: string, metric: Metric): string {
  return cellName(target, metric.gids, metric.injectedMs);
}

function referenceId(metric: Metric): string | undefined {
  const own = cellSuffix(metric.target, metric);
  if (!metric.id.endsWith(own)) return undefined;
  return metric.id.slice(0, -own.length) + cellSuffix(referenceTarget, metric);
}

function byRepetition(report: Report): Report[] {
  const groups = new Map<number, Measurement[]>();
  for (const measurement of report.measurements) {
    if (!('repetition' in measurement)) continue;
    const group = groups.get(measurement.repetition) ?? [];
    group.push(measurement);
    groups.set(measurement.repetition, group);
  }
  return [...groups.values()].map((measurements) => ({ ...report, measurements }));
}

// Per metric id, one ratio per repetition in which both the metric and its reference
// were measured. Only latency and throughput; the reference target itself is left out
// (its ratio is 1 by construction).
export function ratiosToReference(report: Report): Map<string, number[]> {
  const ratios = new Map<string, number[]>();
  for (const repetition of byRepetition(report)) {
    const metrics = metricsOf(repetition);
    const byId = new Map(metrics.map((metric) => [metric.id, metric]));
    for (const metric of metrics) {
      if (metric.kind !== 'latency' && metric.kind !== 'throughput') continue;
      if (metric.target === referenceTarget) continue;
      const reference = byId.get(referenceId(metric) ?? '');
      if (reference === undefined) continue;
      const values = ratios.get(metric.id) ?? [];
      metric.values.forEach((value, index) => {
        const divisor = reference.values[index];
        if (divisor !== undefined && divisor > 0) values.push(value / divisor);
      });
      ratios.set(metric.id, values);
    }
  }
  return ratios;
}
