// What a run measures, as data (like Node core's createBenchmark configs): each
// experiment names its sizes, latencies and repetitions once; the runner only iterates.

export type Profile = {
  readonly name: 'quick' | 'full';
  // Every measurement is repeated, variants interleaved (A B A B ...), so drift hits all alike.
  readonly repetitions: number;
  // Sequential requests on one connection: the page as one user feels it.
  readonly pageLoad: {
    readonly sizes: readonly number[];
    readonly requestsPerRepetition: number;
    readonly warmupRequests: number;
    // Fewer requests for a slow cell (the baseline's big page takes many seconds), never fewer than one.
    readonly secondsPerCell: number;
  };
  // The same page at increasing app-to-database latency: where does each variant break?
  readonly latencySweep: { readonly size: number; readonly latenciesMs: readonly number[] };
  readonly load: {
    readonly sizes: readonly number[];
    readonly connections: number;
    readonly durationSeconds: number;
    readonly warmupSeconds: number;
    readonly repetitions: number;
    // A variant whose concurrent requests would start more threads than this is not put under load.
    readonly maxConcurrentWorkers: number;
  };
  readonly micro: {
    readonly gidCounts: readonly number[];
    readonly timeMs: number;
    readonly iterations: number;
    // Spawning a thread per gid costs ~20 ms each; above this many gids the page-load numbers say it.
    readonly maxWorkerGids: number;
  };
  // Requests whose database work is counted; the counts are deterministic, so few suffice.
  readonly counters: { readonly sizes: readonly number[]; readonly requests: number };
};

const seededSizes = [30, 300, 1000] as const;

export const profiles: Readonly<Record<Profile['name'], Profile>> = {
  quick: {
    name: 'quick',
    repetitions: 5,
    pageLoad: { sizes: [30, 300], requestsPerRepetition: 3, warmupRequests: 1, secondsPerCell: 3 },
    latencySweep: { size: 30, latenciesMs: [0, 1] },
    load: { sizes: [30], connections: 4, durationSeconds: 2, warmupSeconds: 0.5, repetitions: 3, maxConcurrentWorkers: 400 },
    micro: { gidCounts: [10, 100], timeMs: 150, iterations: 5, maxWorkerGids: 10 },
    counters: { sizes: [30, 300], requests: 1 },
  },
  full: {
    name: 'full',
    repetitions: 5,
    pageLoad: { sizes: seededSizes, requestsPerRepetition: 5, warmupRequests: 1, secondsPerCell: 6 },
    latencySweep: { size: 300, latenciesMs: [0, 0.5, 1, 5] },
    load: { sizes: [30, 300, 1000], connections: 8, durationSeconds: 5, warmupSeconds: 1, repetitions: 3, maxConcurrentWorkers: 2400 },
    micro: { gidCounts: [10, 100, 1000], timeMs: 300, iterations: 5, maxWorkerGids: 100 },
    counters: { sizes: seededSizes, requests: 2 },
  },
};
