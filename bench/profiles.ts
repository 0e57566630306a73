// What a run measures, as data (like Node core's createBenchmark configs): each
// experiment names its sizes, latencies and repetitions once; the runner only iterates.
// Sizes are gid counts of seeded projects (seed default: 30, 100, 300, 1000).

export type Profile = {
  readonly name: 'quick' | 'full';
  // Every project measured is first checked (all variants agree) and its work per
  // request counted at the database: deterministic figures, what CI gates on first.
  readonly projects: readonly number[];
  // A variant whose page, extrapolated from the next smaller project, would take longer
  // than this is not measured at that size (the baseline always is: every speedup is
  // measured against it). Wave 2 alone still starts a thread per gid, like the baseline.
  readonly maxPageSeconds: number;
  // Sequential requests on one connection: the page as one user feels it. Repeated,
  // variants interleaved (A B A B ...), so drift hits all of them alike.
  readonly pageLoad: {
    readonly sizes: readonly number[];
    readonly repetitions: number;
    readonly requestsPerRepetition: number;
    // Fewer requests for a slow cell (the baseline's big page takes many seconds), never fewer than one.
    readonly secondsPerCell: number;
    // A page slower than this is timed once, not repeated: one baseline page at 1000 gids
    // starts 1000 threads and takes over a minute here; five of them would be the whole budget.
    readonly timeOnceAboveSeconds: number;
  };
  // The same page at increasing app-to-database latency: where does each variant break?
  readonly latencySweep: { readonly size: number; readonly latenciesMs: readonly number[] };
  readonly load: {
    readonly sizes: readonly number[];
    readonly repetitions: number;
    readonly connections: number;
    readonly durationSeconds: number;
    readonly warmupSeconds: number;
    // A variant whose concurrent pages would start more threads than this is not put under load.
    readonly maxConcurrentWorkers: number;
  };
  readonly micro: {
    readonly gidCounts: readonly number[];
    readonly repetitions: number;
    readonly timeMs: number;
    readonly iterations: number;
    // A thread per gid costs tens of ms each; above this many gids the page-load numbers say it.
    readonly maxWorkerGids: number;
  };
};

export const profiles: Readonly<Record<Profile['name'], Profile>> = {
  quick: {
    name: 'quick',
    projects: [30, 100],
    maxPageSeconds: 60,
    pageLoad: { sizes: [30], repetitions: 5, requestsPerRepetition: 3, secondsPerCell: 4, timeOnceAboveSeconds: 8 },
    latencySweep: { size: 30, latenciesMs: [0, 1] },
    load: { sizes: [30], repetitions: 4, connections: 4, durationSeconds: 1.5, warmupSeconds: 0, maxConcurrentWorkers: 400 },
    micro: { gidCounts: [10, 100], repetitions: 4, timeMs: 100, iterations: 5, maxWorkerGids: 10 },
  },
  full: {
    name: 'full',
    projects: [30, 100, 300, 1000],
    maxPageSeconds: 90,
    pageLoad: { sizes: [30, 100, 300, 1000], repetitions: 5, requestsPerRepetition: 5, secondsPerCell: 8, timeOnceAboveSeconds: 8 },
    latencySweep: { size: 100, latenciesMs: [0, 0.5, 1, 5] },
    load: { sizes: [100, 1000], repetitions: 4, connections: 8, durationSeconds: 3, warmupSeconds: 0.5, maxConcurrentWorkers: 1000 },
    micro: { gidCounts: [10, 100, 1000], repetitions: 4, timeMs: 300, iterations: 5, maxWorkerGids: 10 },
  },
};
