// Turns a report into named metrics, each with one value per repetition. A metric's id
// is stable across runs, so two reports can be compared metric by metric.
import type { CountersMeasurement, Measurement, Report } from '../report/schema.ts';
import { shortFingerprint } from '../measure/statements/fingerprint.ts';
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
  // A counter that depends on the query plan (rows read): compared with a tolerance.
  readonly tolerant: boolean;
  // A counter of the wire protocol (bytes sent): each server family encodes the same rows
  // in its own number of bytes, so it is compared only between runs on the same family.
  readonly wire: boolean;
  // Counters recorded only when non-zero (statements by kind, by fingerprint) belong to a
  // family: a run that counted the family but not this member counted zero of it.
  readonly family: string | undefined;
  readonly values: readonly number[];
};

type MetricHead = Omit<Metric, 'values'>;
type Draft = MetricHead & { values: number[] };

// The tail of every metric id; github-benchmark names and ratio mode build on it.
export function cellName(target: string, gids: number, injectedMs: number): string {
  return `${target} · ${gids} gids · +${injectedMs} ms`;
}

const plain = { tolerant: false, wire: false, family: undefined } as const;

function timed(measurement: Exclude<Measurement, { kind: 'counters' | 'skipped' | 'micro' }>, what: string, kind: MetricKind, unit: string, better: Metric['better']): MetricHead {
  const { target, gids, injectedMs } = measurement;
  return { id: `${what} · ${cellName(target, gids, injectedMs)}`, kind, unit, better, target, gids, injectedMs, ...plain };
}

// Families of a counters measurement: what it counted, including what it counted zero of.
function families(measurement: CountersMeasurement): { readonly kinds: string; readonly fingerprints: string | undefined } {
  const cell = `${measurement.route} · ${cellName(measurement.target, measurement.gids, measurement.injectedMs)}`;
  return { kinds: `statement kinds · ${cell}`, fingerprints: measurement.fingerprints === null ? undefined : `fingerprints · ${cell}` };
}

// A statement is named by its short fingerprint unless two in one cell would then share a name.
function statementNames(measurement: CountersMeasurement): Map<string, string> {
  const entries = measurement.fingerprints ?? [];
  const shorts = entries.map((entry) => shortFingerprint(entry.fingerprint));
  return new Map(entries.map((entry, index) => {
    const short = shorts[index] ?? entry.fingerprint;
    return [entry.fingerprint, shorts.indexOf(short) === shorts.lastIndexOf(short) ? short : entry.fingerprint];
  }));
}

function counterValues(measurement: CountersMeasurement): [MetricHead, number][] {
  const base = { target: measurement.target, gids: measurement.gids, injectedMs: measurement.injectedMs };
  const name = `${measurement.route} · ${cellName(measurement.target, measurement.gids, measurement.injectedMs)}`;
  const family = families(measurement);
  const counter = (what: string, unit: string, value: number, extra: Partial<Pick<Metric, 'tolerant' | 'wire' | 'family'>> = {}): [MetricHead, number] => [
    { ...base, ...plain, ...extra, id: `${what} per request · ${name}`, kind: 'counter', unit, better: 'lower' },
    value,
  ];
  const counters: [MetricHead, number][] = [
    counter('statements', 'statements', measurement.statements),
    ...Object.entries(measurement.statementsByKind).map(([kind, value]) => counter(`${kind} statements`, 'statements', value, { family: family.kinds })),
    counter('new connections', 'connections', measurement.newConnections),
    counter('rows read', 'rows', measurement.rowsRead, { tolerant: true }),
    counter('bytes sent', 'bytes', measurement.bytesSent, { wire: true }),
  ];
  const names = statementNames(measurement);
  for (const entry of measurement.fingerprints ?? []) {
    const [head, value] = counter('executions', 'executions', entry.count, { family: family.fingerprints });
    counters.push([{ ...head, id: `${head.id} · ${names.get(entry.fingerprint) ?? entry.fingerprint}` }, value]);
  }
  if (measurement.rowsSent !== null) counters.push(counter('rows sent', 'rows', measurement.rowsSent));
  if (measurement.workers !== null) counters.push(counter('workers', 'workers', measurement.workers));
  if (measurement.peakRssMiB === null) return counters;
  const rss: MetricHead = { ...base, ...plain, id: `peak RSS · ${name}`, kind: 'resource', unit: 'MiB', better: 'lower' };
  return [...counters, [rss, measurement.peakRssMiB]];
}

function metricValues(measurement: Measurement): [MetricHead, number][] {
  switch (measurement.kind) {
    case 'page-load':
      return [[timed(measurement, 'page-load p50', 'latency', 'ms', 'lower'), median(measurement.samplesMs)]];
    case 'load':
      return [
        [timed(measurement, 'load req/s', 'throughput', 'req/s', 'higher'), measurement.requestsPerSecond],
        [timed(measurement, 'load p99', 'latency', 'ms', 'lower'), measurement.latency.p99],
        [timed(measurement, 'load errors', 'resource', 'errors', 'lower'), measurement.errors + measurement.timeouts + measurement.non2xx],
      ];
    case 'micro': {
      const head: MetricHead = {
        id: `micro p50 · ${cellName(measurement.task, measurement.gids, measurement.injectedMs)}`,
        kind: 'latency', unit: 'ms', better: 'lower', target: measurement.task, gids: measurement.gids, injectedMs: measurement.injectedMs, ...plain,
      };
      return [[head, measurement.p50Ms]];
    }
    case 'counters':
      return counterValues(measurement);
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

// Every family the report counted, also those whose members were all zero.
export function familiesOf(report: Report): Set<string> {
  const found = new Set<string>();
  for (const measurement of report.measurements) {
    if (measurement.kind !== 'counters') continue;
    const { kinds, fingerprints } = families(measurement);
    found.add(kinds);
    if (fingerprints !== undefined) found.add(fingerprints);
  }
  return found;
}
