// Throughput under concurrent users, measured with autocannon for a fixed duration: a
// closed loop, each connection sending its next request when the last is answered.
// Each answer's time is taken from autocannon's response event (its own summary rounds
// to whole milliseconds) into an HdrHistogram. A struggling target shows up as errors,
// timeouts and non-2xx, or as nothing completed, never as a crash.
import autocannon from 'autocannon';
import { encodeHistogram, msAtQuantile, newLatencyHistogram, rankedValues, recordMs } from './latency-histogram.ts';

export type LoadResult = {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly latency: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly mean: number };
  readonly histogram: string;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
};

export type LoadOptions = {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly timeoutSeconds: number;
};

// Without a callback autocannon returns its event-emitting tracker made thenable
// (lib/init.js); its types say only Promise. The callback form would skip the warm-up.
type Tracker = autocannon.Instance & PromiseLike<autocannon.Result>;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: options.timeoutSeconds,
    ...(options.warmupSeconds > 0
      ? { warmup: { connections: options.connections, duration: options.warmupSeconds } }
      : {}),
  }) as unknown as Tracker;
  // The main run's tracker: warm-up answers are emitted on another one.
  const histogram = newLatencyHistogram();
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) recordMs(histogram, responseTime);
  });
  const result = await instance;
  const requests = histogram.totalCount;
  const ranked = rankedValues(histogram);
  const at = (q: number): number => (requests === 0 ? 0 : msAtQuantile(ranked, q));
  return {
    requests,
    requestsPerSecond: requests / Math.max(result.duration, options.durationSeconds),
    latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), mean: requests === 0 ? 0 : histogram.mean / 1000 },
    histogram: encodeHistogram(histogram),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}
