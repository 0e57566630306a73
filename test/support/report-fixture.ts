// Builds a schema-valid report from a small description, for testing the pure parts
// (statistics, comparison, rendering) without running a benchmark. Samples come from
// a seeded generator, so a fixture is the same every time.
import { encodeHistogram, newLatencyHistogram } from '../../bench/measure/latency-histogram.ts';
import type { Measurement, Report } from '../../bench/report/schema.ts';
import { reportSchemaVersion } from '../../bench/report/schema.ts';

export type FixtureOptions = {
  readonly seed?: number;
  readonly repetitions?: number;
  // Multiplies every latency of the named target (1.2 = 20 % slower).
  readonly slowdown?: Readonly<Record<string, number>>;
  // Adds this many queries per request to the named target's counters.
  readonly extraQueries?: Readonly<Record<string, number>>;
  // Relative noise of each sample (0.03 = about 3 %).
  readonly noise?: number;
  readonly cpuModel?: string;
  readonly databaseServer?: string;
  // Load average before the run and CPU-seconds used outside it (default: a quiet machine).
  readonly machine?: { readonly loadBefore: number; readonly outsideCpuSeconds: number };
};

// `count` answers of `ms` each, as a load run's HdrHistogram.
export function histogramOf(ms: number, count: number): string {
  const histogram = newLatencyHistogram();
  if (count > 0) histogram.recordValueWithCount(Math.round(ms * 1000), count);
  return encodeHistogram(histogram);
}

const targetsMs: Record<string, (gids: number, injectedMs: number) => number> = {
  baseline: (gids, rtt) => 20 * gids + 2 * gids * rtt,
  'wave1-lazy': (gids, rtt) => 0.3 * gids + gids * rtt,
  optimized: (gids, rtt) => 2 + 0.004 * gids + 3 * rtt,
};

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) % 1_000_000) / 1_000_000;
  };
}

export function makeReport(options: FixtureOptions = {}): Report {
  const next = random(options.seed ?? 1);
  const noisy = (value: number): number => value * (1 + (options.noise ?? 0.03) * (next() * 2 - 1));
  const repetitions = options.repetitions ?? 6;
  const projects = [
    { code: 'small-project', gids: 30 },
    { code: 'large-project', gids: 1000 },
  ];
  const latencies = [0, 1];
  const measurements: Measurement[] = [];

  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const [target, cost] of Object.entries(targetsMs)) {
      const slow = options.slowdown?.[target] ?? 1;
      for (const project of projects) {
        for (const injectedMs of latencies) {
          const cell = { target, project: project.code, gids: project.gids, injectedMs, repetition };
          const base = cost(project.gids, injectedMs) * slow;
          measurements.push({
            kind: 'page-load',
            ...cell,
            samplesMs: Array.from({ length: 5 }, () => noisy(base)),
          });
          const p50 = noisy(base);
          const requests = Math.round((5 * 4 * 1000) / p50);
          measurements.push({
            kind: 'load',
            ...cell,
            connections: 4,
            durationSeconds: 5,
            requests,
            requestsPerSecond: (4 * 1000) / p50,
            latency: { p50, p90: p50, p99: p50, max: p50, mean: p50 },
            histogram: histogramOf(p50, requests),
            errors: 0,
            timeouts: 0,
            non2xx: 0,
          });
        }
      }
    }
    for (const gids of [10, 100]) {
      for (const task of ['settings: n+1', 'settings: batched', 'floor: raw IN query']) {
        const samplesMs = Array.from({ length: 20 }, () => noisy(task === 'settings: n+1' ? 0.3 * gids : 1));
        const sorted = [...samplesMs].sort((a, b) => a - b);
        measurements.push({
          kind: 'micro',
          task,
          gids,
          injectedMs: 0,
          repetition,
          samplesMs,
          meanMs: samplesMs.reduce((a, b) => a + b, 0) / samplesMs.length,
          p50Ms: ((sorted[9] ?? 0) + (sorted[10] ?? 0)) / 2,
          p99Ms: sorted.at(-1) ?? 0,
          rme: 1,
        });
      }
    }
  }
  // The open loop at half the capacity of the fast targets: every request answered in
  // its page time (uncorrected) and twice that from when it was due (corrected).
  for (const target of ['wave1-lazy', 'optimized']) {
    for (const project of projects) {
      const ms = (targetsMs[target] ?? (() => 1))(project.gids, 0);
      const capacityPerSecond = (4 * 1000) / ms;
      const scheduled = Math.floor(capacityPerSecond * 0.5 * 2);
      measurements.push({
        kind: 'open-load', target, project: project.code, gids: project.gids, injectedMs: 0, repetition: 0,
        capacityPercent: 50, capacityPerSecond, offeredPerSecond: capacityPerSecond * 0.5, durationSeconds: 2,
        scheduled, sent: scheduled, completed: scheduled, dropped: 0, late: 0, timeouts: 0, errors: 0, non2xx: 0,
        maxInFlight: 2, elapsedSeconds: 2, uncorrected: histogramOf(ms, scheduled), corrected: histogramOf(2 * ms, scheduled),
      });
    }
  }
  for (const target of Object.keys(targetsMs)) {
    for (const project of projects) {
      const eager = target === 'baseline';
      const extra = options.extraQueries?.[target] ?? 0;
      const fingerprints = [
        { fingerprint: 'SELECT id, code FROM projects WHERE code = ?', count: 1 },
        target === 'optimized'
          ? { fingerprint: 'SELECT name, status FROM profile_settings WHERE name IN (...)', count: 1 }
          : { fingerprint: 'SELECT name, status FROM profile_settings WHERE name = ? LIMIT ?', count: project.gids },
        ...(eager ? [{ fingerprint: 'SELECT MAX(cpu_percent) AS max_cpu FROM cpu_samples WHERE project_id = ? AND gid = ?', count: project.gids }] : []),
        ...(extra > 0 ? [{ fingerprint: 'SELECT ? FROM extra WHERE gid = ?', count: extra }] : []),
      ].map((entry) => ({ ...entry, rowsSent: entry.count, rowsExamined: entry.count }));
      const statements = fingerprints.reduce((sum, entry) => sum + entry.count, 0);
      measurements.push({
        kind: 'counters',
        target,
        project: project.code,
        gids: project.gids,
        route: 'settings',
        injectedMs: 0,
        statements,
        statementsByKind: { select: statements },
        fingerprints,
        queries: statements,
        newConnections: eager ? project.gids : 0,
        rowsRead: 3 * project.gids,
        rowsSent: statements,
        bytesSent: 100 * statements,
        workers: eager ? project.gids : 0,
        reportedQueries: statements,
        requests: 3,
        peakRssMiB: eager ? 800 : 90,
      });
    }
  }

  return {
    schemaVersion: reportSchemaVersion,
    tool: 'settings-api-bench',
    run: {
      id: `fixture-${options.seed ?? 1}`,
      startedAt: '2026-11-25T06:00:00.000Z',
      finishedAt: '2026-11-25T06:10:00.000Z',
      durationSeconds: 600,
      argv: ['--suite', 'fixture'],
    },
    environment: {
      node: '24.21.0',
      v8: '13.6',
      os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
      cpu: { model: options.cpuModel ?? 'Fixture CPU @ 2.0GHz', cores: 2 },
      memoryMiB: 24_000,
      database: { provider: 'local', server: options.databaseServer ?? 'MariaDB 10.11.11' },
      servers: 'local',
      seed: { value: 1, fingerprint: 'f'.repeat(64), projectSizes: [30, 1000], samplesPerGid: 1440 },
      git: { sha: '0'.repeat(40), dirty: false },
    },
    machine: {
      cores: 2,
      loadAverage: { before: [options.machine?.loadBefore ?? 0.2, 0.3, 0.3], after: [1.9, 1.2, 0.6] },
      cpuSeconds: { wall: 600, run: 700, outside: options.machine?.outsideCpuSeconds ?? 6 },
      databaseInRun: true,
    },
    parameters: {
      suite: 'fixture',
      targets: Object.keys(targetsMs).map(fixtureTarget),
      stories: [{ id: 'literal', label: 'the literal port', before: 'baseline', wave1: 'wave1-lazy', wave2: null, after: 'optimized' }],
      projects,
      injectedLatenciesMs: latencies,
      headline: { gids: Math.max(...projects.map((project) => project.gids)), latenciesMs: latencies },
      pageLoad: { sizes: projects.map((project) => project.gids), repetitions, requestsPerRepetition: 5, minSamples: 3, secondsPerCell: 8, maxCellSeconds: 60 },
      latencySweep: { size: Math.max(...projects.map((project) => project.gids)), latenciesMs: latencies },
      load: {
        sizes: projects.map((project) => project.gids), repetitions, connections: 4, durationSeconds: 5, warmupSeconds: 1, timeoutSeconds: 30, maxConcurrentWorkers: 1000,
        openLoop: { capacityPercents: [50], durationSeconds: 2, maxInFlight: 64, drainSeconds: 10 },
      },
      micro: { gidCounts: [10, 100], repetitions, timeMs: 200, iterations: 20, warmupIterations: 1, maxWorkerGids: 10 },
      chunkSize: 1000,
      cpuPinning: null,
      maxGidsPerRequest: 2000,
      fingerprints: 'performance_schema statement digests',
      countersOnly: false,
    },
    equivalence: projects.map((project) => ({
      project: project.code,
      gids: project.gids,
      targets: Object.keys(targetsMs),
      identical: true as const,
    })),
    measurements,
  };
}

// A target of the fixture's kind: our own variant, lazy when its name says so.
export function fixtureTarget(name: string): Report['parameters']['targets'][number] {
  const lazy = name === 'optimized' || name.includes('lazy');
  return { name, kind: 'variant', summary: name, maxCpuOnPage: lazy ? 'lazy' : 'eager' };
}
