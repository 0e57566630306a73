// What a run measures, as data (like Node core's createBenchmark configs): each
// experiment names its sizes, latencies and repetitions once; the runner only iterates.
// Sizes are gid counts of seeded projects (seed default: 30, 100, 300, 1000).

export type Suite = {
  readonly name: 'quick' | 'full';
  // Every project measured is first checked (all targets agree) and its work per
  // request counted at the database: deterministic figures, what CI gates on first.
  readonly projects: readonly number[];
  // Where the headline is told: the article's slow page, with no injected latency and
  // with a realistic app↔DB round trip (same-zone cloud RTTs are 0.26–0.41 ms).
  readonly headline: { readonly gids: number; readonly latenciesMs: readonly number[] };
  // Sequential requests on one connection: the page as one user feels it. Repeated,
  // targets interleaved (A B A B ...), so drift hits all of them alike. Eight
  // repetitions, because the A/A check splits them in two halves and a Mann-Whitney
  // test of 4 against 4 is the smallest that can reach p < 0.05 (3 against 3 cannot).
  readonly pageLoad: {
    readonly sizes: readonly number[];
    readonly repetitions: number;
    readonly requestsPerRepetition: number;
    // Every cell that is timed at all gets at least this many samples.
    readonly minSamples: number;
    // Fewer requests per repetition for a slow cell, down to one, so a cell costs about this.
    readonly secondsPerCell: number;
    // A cell whose minimum samples would take longer than this is not timed, except the
    // headline's cells without injected latency: every story's before and after is
    // measured whatever it costs (the literal port's 1000-gid page starts 1000 Workers).
    readonly maxCellSeconds: number;
  };
  // The same page at increasing app-to-database round-trip times: how many sequential
  // round trips does each target wait for (k, the slope of page time over RTT), and where
  // does it break? A slope is best pinned by its ends: 0 and 10 ms in the full suite,
  // where k · RTT stands far above the noise of even a thread-per-gid page (34 round
  // trips = 340 ms at 30 gids). Points in between would test the line, not sharpen k, and
  // each costs every sweep cell again (the literal baseline's 30-gid page is seconds).
  readonly latencySweep: { readonly size: number; readonly latenciesMs: readonly number[] };
  readonly load: {
    readonly sizes: readonly number[];
    readonly repetitions: number;
    readonly connections: number;
    readonly durationSeconds: number;
    readonly warmupSeconds: number;
    // Longer than any sane page, so a timeout means the target really cannot keep up.
    readonly timeoutSeconds: number;
    // A target whose concurrent pages would start more threads than this is not put under load.
    readonly maxConcurrentWorkers: number;
    // After the closed loop: requests due at a constant rate, set from each target's
    // measured capacity (its closed-loop req/s), as users arrive (bench/measure/open-loop.ts).
    readonly openLoop: {
      readonly capacityPercents: readonly number[];
      readonly durationSeconds: number;
      readonly maxInFlight: number;
      readonly drainSeconds: number;
    };
  };
  // Settings of the servers a run starts where they differ from lib/config.ts's defaults
  // (a flag or variable given by the user wins over both).
  readonly servers: { readonly settingsChunkSize?: number; readonly maxGidsPerRequest?: number };
  readonly micro: {
    readonly gidCounts: readonly number[];
    readonly repetitions: number;
    readonly timeMs: number;
    readonly iterations: number;
    readonly warmupIterations: number;
    // A thread per gid costs tens of ms each; above this many gids the page-load numbers say it.
    readonly maxWorkerGids: number;
  };
};

export const suites: Readonly<Record<Suite['name'], Suite>> = {
  quick: {
    name: 'quick',
    projects: [30, 100],
    headline: { gids: 100, latenciesMs: [0] },
    pageLoad: { sizes: [30, 100], repetitions: 10, requestsPerRepetition: 3, minSamples: 3, secondsPerCell: 4, maxCellSeconds: 20 },
    latencySweep: { size: 30, latenciesMs: [0, 5] },
    load: {
      sizes: [30], repetitions: 10, connections: 4, durationSeconds: 1, warmupSeconds: 0, timeoutSeconds: 30, maxConcurrentWorkers: 400,
      openLoop: { capacityPercents: [50, 90], durationSeconds: 1, maxInFlight: 32, drainSeconds: 10 },
    },
    // Smaller than its 100-gid project, so the settings batches (3 of them) and the page's
    // /max-cpus requests (2) are chunked, and the gate sees the chunking code.
    servers: { settingsChunkSize: 40, maxGidsPerRequest: 64 },
    micro: { gidCounts: [10, 100], repetitions: 8, timeMs: 50, iterations: 3, warmupIterations: 1, maxWorkerGids: 10 },
  },
  full: {
    name: 'full',
    projects: [30, 100, 300, 1000],
    headline: { gids: 1000, latenciesMs: [0, 0.5] },
    pageLoad: { sizes: [30, 100, 300, 1000], repetitions: 8, requestsPerRepetition: 5, minSamples: 3, secondsPerCell: 8, maxCellSeconds: 30 },
    latencySweep: { size: 30, latenciesMs: [0, 10] },
    load: {
      sizes: [100, 1000], repetitions: 8, connections: 8, durationSeconds: 1, warmupSeconds: 0.25, timeoutSeconds: 30, maxConcurrentWorkers: 1000,
      openLoop: { capacityPercents: [50, 90], durationSeconds: 1.5, maxInFlight: 64, drainSeconds: 15 },
    },
    // The defaults: the 1000-gid page in one batched IN query, as in the article.
    servers: {},
    micro: { gidCounts: [10, 100, 1000], repetitions: 8, timeMs: 150, iterations: 5, warmupIterations: 1, maxWorkerGids: 10 },
  },
};

// The page-load cells of a suite: each size at 0 ms, the sweep, the headline.
export function pageLoadCells(suite: Suite): { readonly gids: number; readonly injectedMs: number }[] {
  const cells = [
    ...suite.pageLoad.sizes.map((gids) => ({ gids, injectedMs: 0 })),
    ...suite.latencySweep.latenciesMs.map((injectedMs) => ({ gids: suite.latencySweep.size, injectedMs })),
    ...suite.headline.latenciesMs.map((injectedMs) => ({ gids: suite.headline.gids, injectedMs })),
  ];
  return cells.filter((cell, index) => cells.findIndex((c) => c.gids === cell.gids && c.injectedMs === cell.injectedMs) === index);
}
