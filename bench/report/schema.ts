// The report a run writes: the source of truth every Markdown table, chart and
// comparison is computed from. Raw samples are kept so any statistic can be recomputed.
// `results/report.schema.json` is generated from this file (npm run schema).
import { z } from 'zod';

export const reportSchemaVersion = 3;

const count = z.number().int().nonnegative();
const ms = z.number().nonnegative();

export const environmentSchema = z.object({
  node: z.string(),
  v8: z.string(),
  os: z.object({ platform: z.string(), release: z.string(), arch: z.string() }),
  cpu: z.object({ model: z.string(), cores: count }),
  memoryMiB: count,
  database: z.object({
    provider: z.enum(['url', 'testcontainers', 'local']),
    // What the server says it is, e.g. "MariaDB 10.11.11" or "MySQL 8.4.3".
    server: z.string(),
  }),
  // 'local' = servers started by the harness; 'remote' = base URLs given by the user.
  servers: z.enum(['local', 'remote']),
  seed: z.object({
    value: count,
    fingerprint: z.string(),
    projectSizes: z.array(count),
    samplesPerGid: count,
  }),
  git: z.object({ sha: z.string(), dirty: z.boolean() }),
});

export const targetSchema = z.object({
  name: z.string(),
  kind: z.enum(['variant', 'peer', 'user']),
  summary: z.string(),
  maxCpuOnPage: z.enum(['eager', 'lazy']),
  // Set for a target served from another git revision (make bench REF=...): the base
  // side of a two-revision run, named <target>@<short sha>.
  revision: z.object({ ref: z.string(), sha: z.string(), of: z.string() }).optional(),
});

export const storySchema = z.object({
  id: z.string(),
  label: z.string(),
  before: z.string(),
  wave1: z.string(),
  wave2: z.string().nullable(),
  after: z.string(),
});

export const projectSchema = z.object({ code: z.string(), gids: count });

export const parametersSchema = z.object({
  suite: z.string(),
  // Every server measured, in the order they were started and interleaved.
  targets: z.array(targetSchema).min(1),
  // The article's story per stack, told from these targets (bench/run/stories.ts).
  stories: z.array(storySchema),
  projects: z.array(projectSchema).min(1),
  injectedLatenciesMs: z.array(ms).min(1),
  // The suite as it ran, overrides applied (bench/run/suites.ts explains each field).
  headline: z.object({ gids: count, latenciesMs: z.array(ms).min(1) }),
  pageLoad: z.object({
    sizes: z.array(count),
    repetitions: count.min(1),
    requestsPerRepetition: count.min(1),
    minSamples: count.min(1),
    secondsPerCell: z.number().positive(),
    maxCellSeconds: z.number().positive(),
  }),
  latencySweep: z.object({ size: count, latenciesMs: z.array(ms).min(1) }),
  load: z.object({
    sizes: z.array(count),
    repetitions: count,
    connections: count.min(1),
    durationSeconds: z.number().positive(),
    warmupSeconds: ms,
    timeoutSeconds: z.number().positive(),
    maxConcurrentWorkers: count,
    // Constant arrival rates at these percentages of each target's closed-loop capacity.
    openLoop: z.object({
      capacityPercents: z.array(z.number().positive()),
      durationSeconds: z.number().positive(),
      maxInFlight: count.min(1),
      drainSeconds: z.number().positive(),
    }),
  }),
  micro: z.object({
    gidCounts: z.array(count.min(1)),
    repetitions: count,
    timeMs: ms,
    iterations: count,
    warmupIterations: count,
    maxWorkerGids: count,
  }),
  chunkSize: count.min(1),
  // CPUs (taskset lists) the harness, as load generator, and the servers under test
  // were pinned to; null when nothing was pinned.
  cpuPinning: z.object({ harness: z.string(), targets: z.string() }).nullable(),
  // Most gids one /max-cpus request asks for: the max-cpus route's requests per page.
  maxGidsPerRequest: count.min(1),
  // Where statement fingerprints come from, or why there are none.
  fingerprints: z.string(),
  // Only the check step ran: counters, no timings (--counters-only).
  countersOnly: z.boolean(),
});

// One value per repetition is what comparisons test; the raw samples stay for audits.
const cell = {
  target: z.string(),
  project: z.string(),
  gids: count,
  // App-to-database latency injected for this cell (0 = plain loopback).
  injectedMs: ms,
  repetition: count,
};

export const pageLoadSchema = z.object({
  kind: z.literal('page-load'),
  ...cell,
  // Time to last byte of each sequential request on one connection (the article's TTFB + download).
  samplesMs: z.array(ms).min(1),
});

// HdrHistogram of latencies in microseconds, compressed (hdr-histogram-js
// encodeIntoCompressedBase64): every percentile can be recomputed, repetitions merged.
const histogram = z.string().min(1);

// Closed loop (autocannon): `connections` users, each sending its next request when the
// previous one is answered.
export const loadSchema = z.object({
  kind: z.literal('load'),
  ...cell,
  connections: count.min(1),
  durationSeconds: z.number().positive(),
  // Answered with 2xx.
  requests: count,
  requestsPerSecond: z.number().nonnegative(),
  // Of the 2xx answers, from `histogram`; all zero when nothing completed.
  latency: z.object({ p50: ms, p90: ms, p99: ms, max: ms, mean: ms }),
  histogram,
  errors: count,
  timeouts: count,
  non2xx: count,
});

// Open loop: requests due at a constant rate, whether or not earlier ones were answered
// (bench/measure/open-loop.ts); timed from sending (uncorrected) and from being due (corrected).
export const openLoadSchema = z.object({
  kind: z.literal('open-load'),
  ...cell,
  capacityPercent: z.number().positive(),
  // The closed-loop req/s (median over repetitions) the rate was set from.
  capacityPerSecond: z.number().positive(),
  offeredPerSecond: z.number().positive(),
  durationSeconds: z.number().positive(),
  scheduled: count,
  sent: count,
  completed: count,
  dropped: count,
  late: count,
  timeouts: count,
  errors: count,
  non2xx: count,
  maxInFlight: count,
  elapsedSeconds: z.number().nonnegative(),
  uncorrected: histogram,
  corrected: histogram,
});

export const microSchema = z.object({
  kind: z.literal('micro'),
  // e.g. "settings: n+1", "settings: batched", "max-cpu: worker per gid", "floor: raw IN query".
  task: z.string(),
  gids: count,
  injectedMs: ms,
  repetition: count,
  samplesMs: z.array(ms).min(1),
  meanMs: ms,
  p50Ms: ms,
  p99Ms: ms,
  // tinybench's relative margin of error (%); null for samples timed outside tinybench.
  rme: z.number().nonnegative().nullable(),
});

// One statement's fingerprint (its SQL, literals replaced by ?) and what it cost.
export const statementCountSchema = z.object({
  fingerprint: z.string(),
  // Executions per request: 30 for a settings query run once per gid of a 30-gid page.
  count: z.number().positive(),
  rowsSent: z.number().nonnegative(),
  rowsExamined: z.number().nonnegative(),
});

// Deterministic work per request: what CI gates on first (bench/measure/work-counters.ts).
export const countersSchema = z.object({
  kind: z.literal('counters'),
  target: z.string(),
  project: z.string(),
  gids: count,
  // settings: the page; max-cpus: max CPU for every gid of the page, in as few requests
  // as maxGidsPerRequest allows; ui: the HTML page (GET /?project=<code>).
  route: z.enum(['settings', 'max-cpus', 'ui']),
  injectedMs: ms,
  // Counted at the database over `requests` requests; every figure is per request.
  requests: count.min(1),
  // Every statement the server ran for the request (its Com_* status counters), and by kind.
  statements: z.number().nonnegative(),
  statementsByKind: z.record(z.string(), z.number().positive()),
  // Grouped by fingerprint, from performance_schema's statement digests; null when the
  // server keeps none (parameters.fingerprints says why).
  fingerprints: z.array(statementCountSchema).nullable(),
  // SELECT statements alone (statementsByKind.select), for the report's tables.
  queries: z.number().nonnegative(),
  newConnections: z.number().nonnegative(),
  // Depends on the query plan, hence on the server version and table statistics: the
  // gate compares it with a tolerance.
  rowsRead: z.number().nonnegative(),
  // Rows and bytes the database sent to the server under test; rows null where the
  // server counts them nowhere (MySQL without performance_schema).
  rowsSent: z.number().nonnegative().nullable(),
  bytesSent: z.number().nonnegative(),
  // Counted by the server process itself (its Server-Timing header); null when it says nothing.
  workers: z.number().nonnegative().nullable(),
  reportedQueries: z.number().nonnegative().nullable(),
  // Peak resident memory of the server so far (VmHWM, summed over its processes); null
  // when the server is remote. Not deterministic: reported, never gated strictly.
  peakRssMiB: z.number().nonnegative().nullable(),
});

export const skippedSchema = z.object({
  kind: z.literal('skipped'),
  step: z.enum(['check', 'page-load', 'load', 'open-load', 'micro']),
  // Which route a skipped check was counting; absent for the timed steps.
  route: z.enum(['settings', 'max-cpus', 'ui']).optional(),
  target: z.string(),
  gids: count,
  injectedMs: ms,
  reason: z.string(),
});

export const measurementSchema = z.discriminatedUnion('kind', [
  pageLoadSchema,
  loadSchema,
  openLoadSchema,
  microSchema,
  countersSchema,
  skippedSchema,
]);

export const equivalenceSchema = z.object({
  project: z.string(),
  gids: count,
  targets: z.array(z.string()),
  identical: z.literal(true),
});

// How busy the machine was, read from /proc at the run's start and end: a benchmark
// taken beside other work is not a measurement (bench/run/machine-load.ts).
const loadAverage = z.tuple([z.number().nonnegative(), z.number().nonnegative(), z.number().nonnegative()]);
export const machineSchema = z.object({
  cores: count.min(1),
  // 1, 5 and 15 minute load averages.
  loadAverage: z.object({ before: loadAverage, after: loadAverage }),
  cpuSeconds: z.object({
    wall: z.number().nonnegative(),
    // Used by this run's process tree: the harness, the servers, a database it started.
    run: z.number().nonnegative(),
    // Used by everything else on the machine meanwhile.
    outside: z.number().nonnegative(),
  }),
  // False when the database was not started as this run's process (a URL, a container):
  // its CPU time then counts as outside.
  databaseInRun: z.boolean(),
});

export const reportSchema = z.object({
  schemaVersion: z.literal(reportSchemaVersion),
  tool: z.literal('settings-api-bench'),
  run: z.object({
    id: z.string(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    durationSeconds: z.number().nonnegative(),
    argv: z.array(z.string()),
  }),
  environment: environmentSchema,
  machine: machineSchema,
  parameters: parametersSchema,
  equivalence: z.array(equivalenceSchema),
  measurements: z.array(measurementSchema),
});

export type Environment = z.infer<typeof environmentSchema>;
export type Parameters = z.infer<typeof parametersSchema>;
export type PageLoadMeasurement = z.infer<typeof pageLoadSchema>;
export type LoadMeasurement = z.infer<typeof loadSchema>;
export type OpenLoadMeasurement = z.infer<typeof openLoadSchema>;
export type Machine = z.infer<typeof machineSchema>;
export type MicroMeasurement = z.infer<typeof microSchema>;
export type CountersMeasurement = z.infer<typeof countersSchema>;
export type SkippedMeasurement = z.infer<typeof skippedSchema>;
export type Measurement = z.infer<typeof measurementSchema>;
export type Report = z.infer<typeof reportSchema>;

export function reportJsonSchema(): unknown {
  return z.toJSONSchema(reportSchema, { target: 'draft-2020-12' });
}
