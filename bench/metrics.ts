// Turns a report into named metrics, each with one value per repetition. A metric's id
// is stable across runs, so two reports can be compared metric by metric.
import type { Measurement, Report } from './report-schema.ts';
import { median } from './stats/descriptive.ts';

export type MetricKind = 'latency' | 'throughput' | 'counter' | 'resource';

export type Metric = {
  readonly id: string;
  readonly kind: MetricKind;
  readonly unit: string;
  readonly better: 'lower' | 'higher';
  readonly target: string;
  readonly gids: number;
  readonly injectedMs: number;
  readonly values: readonly number[];
};

type MetricHead = Omit<Metric, 'values'>;
type Draft = MetricHead & { values: number[] };

// The tail of every metric id; github-benchmark names and ratio mode build on it.
export function cellName(target: string, gids: number, injectedMs: number): string {
  return `${target} · ${gids} gids · +${injectedMs} ms`;
}

function metricValues(measurement: Measurement): [MetricHead, number][] {
  switch (measurement.kind) {
    case 'page-load': {
      const base = { target: measurement.target, gids: measurement.gids, injectedMs: measurement.injectedMs };
      const name = cellName(measurement.target, measurement.gids, measurement.injectedMs);
      return [[{ ...base, id: `page-load p50 · ${name}`, kind: 'latency', unit: 'ms', better: 'lower' }, median(measurement.samplesMs)]];
    }
    case 'load': {
      const base = { target: measurement.target, gids: measurement.gids, injectedMs: measurement.injectedMs };
      const name = cellName(measurement.target, measurement.gids, measurement.injectedMs);
      return [
        [{ ...base, id: `load req/s · ${name}`, kind: 'throughput', unit: 'req/s', better: 'higher' }, measurement.requestsPerSecond],
        [{ ...base, id: `load p99 · ${name}`, kind: 'latency', unit: 'ms', better: 'lower' }, measurement.latency.p99],
        [{ ...base, id: `load errors · ${name}`, kind: 'resource', unit: 'errors', better: 'lower' }, measurement.errors + measurement.timeouts + measurement.non2xx],
      ];
    }
    case 'micro': {
      const base = { target: measurement.task, gids: measurement.gids, injectedMs: measurement.injectedMs };
      const name = cellName(measurement.task, measurement.gids, measurement.injectedMs);
      return [[{ ...base, id: `micro p50 · ${name}`, kind: 'latency', unit: 'ms', better: 'lower' }, measurement.p50Ms]];
    }
    case 'counters': {
      const base = { target: measurement.target, gids: measurement.gids, injectedMs: measurement.injectedMs };
      const name = `${measurement.route} · ${cellName(measurement.target, measurement.gids, measurement.injectedMs)}`;
      const counter = (what: string, unit: string, value: number): [MetricHead, number] => [
        { ...base, id: `${what} per request · ${name}`, kind: 'counter', unit, better: 'lower' },
        value,
      ];
      const counters: [MetricHead, number][] = [
        counter('queries', 'queries', measurement.queries),
        counter('new connections', 'connections', measurement.newConnections),
        counter('rows read', 'rows', measurement.rowsRead),
      ];
      if (measurement.workers !== null) counters.push(counter('workers', 'workers', measurement.workers));
      if (measurement.peakRssMiB === null) return counters;
      const rss: MetricHead = { ...base, id: `peak RSS · ${name}`, kind: 'resource', unit: 'MiB', better: 'lower' };
      return [...counters, [rss, measurement.peakRssMiB]];
    }
    // Not gated: its offered rate is a share of the capacity this machine measured, so two
    // runs offer different loads; the closed loop's req/s is the comparable figure.
    case 'open-load':
    case 'skipped':
      return [];
  }
}

export function metricsOf(report: Report): Metric[] {
  const byId = new Map<string, Draft>();
  for (const measurement of report.measurements) {
    for (const [head, value] of metricValues(measurement)) {
      const existing = byId.get(head.id);
      if (existing === undefined) byId.set(head.id, { ...head, values: [value] });
      else existing.values.push(value);
    }
  }
  return [...byId.values()];
}
