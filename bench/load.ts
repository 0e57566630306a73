// Throughput under concurrent users, measured with autocannon for a fixed duration.
// A struggling variant shows up as errors, timeouts and non-2xx, never as a crash.
import autocannon from 'autocannon';

export type LoadResult = {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly latency: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly mean: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
};

export type LoadOptions = {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  // Longer than any sane page, so a timeout means the variant really cannot keep up.
  readonly timeoutSeconds: number;
};

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: options.timeoutSeconds,
    ...(options.warmupSeconds > 0
      ? { warmup: { connections: options.connections, duration: options.warmupSeconds } }
      : {}),
  });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / Math.max(result.duration, options.durationSeconds),
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}
