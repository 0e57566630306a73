// The open-loop scheduler against a server that stalls once, and autocannon's rate mode
// against the same server: why the harness schedules its own arrivals.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msAtQuantile, rankedValues } from '../../../bench/measure/latency-histogram.ts';
import { runOpenLoop } from '../../../bench/measure/open-loop.ts';

const stallMs = 300;

// Answers at once, except that every answer due in [500, 800) ms after `armed` waits
// until 800 ms: one 300 ms stall, like a garbage collection or a lock.
function stallingServer(): { server: http.Server; arm: () => void } {
  let armed = Number.POSITIVE_INFINITY;
  const server = http.createServer((_request, response) => {
    const since = performance.now() - armed;
    const wait = since >= 500 && since < 500 + stallMs ? 500 + stallMs - since : 0;
    setTimeout(() => response.end('ok'), wait);
  });
  return { server, arm: () => (armed = performance.now()) };
}

let stalling: ReturnType<typeof stallingServer>;
let url = '';

beforeAll(async () => {
  stalling = stallingServer();
  await new Promise<void>((resolve) => stalling.server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(stalling.server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => stalling.server.close(() => resolve())));

describe('runOpenLoop', () => {
  it('keeps the schedule through a stall, so the requests due during it are timed', async () => {
    stalling.arm();
    const result = await runOpenLoop({ url, ratePerSecond: 100, durationSeconds: 2, maxInFlight: 64, drainSeconds: 5 });
    expect(result).toMatchObject({ scheduled: 200, sent: 200, completed: 200, dropped: 0, timeouts: 0, errors: 0 });
    // About 30 of 200 requests arrive during the stall and wait up to 300 ms: the top 5 %
    // of the corrected latencies are above 100 ms, and the maximum near 300 ms.
    expect(msAtQuantile(rankedValues(result.corrected), 0.95)).toBeGreaterThan(100);
    expect(msAtQuantile(rankedValues(result.corrected), 1)).toBeGreaterThan(stallMs * 0.8);
    expect(result.maxInFlight).toBeGreaterThan(20);
  });

  it('with one request in flight, times from the due time what a closed loop would hide', async () => {
    stalling.arm();
    const result = await runOpenLoop({ url, ratePerSecond: 100, durationSeconds: 2, maxInFlight: 1, drainSeconds: 5 });
    expect(result.late).toBeGreaterThan(20);
    expect(msAtQuantile(rankedValues(result.uncorrected), 0.95)).toBeLessThan(50);
    expect(msAtQuantile(rankedValues(result.corrected), 0.95)).toBeGreaterThan(100);
  });

  it('drops what is still queued when the window closes, and times out what never answers', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const result = await runOpenLoop({ url: `http://127.0.0.1:${port}/`, ratePerSecond: 50, durationSeconds: 0.5, maxInFlight: 4, drainSeconds: 0.3 });
      expect(result).toMatchObject({ scheduled: 25, sent: 4, completed: 0, dropped: 21, timeouts: 4 });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe("autocannon's rate mode, measured", () => {
  it('sends each second\'s quota in a burst at its start, so a stall later in the second is never seen', async () => {
    stalling.arm();
    // Thenable and an event emitter at once (bench/measure/load.ts says why the cast).
    const instance = autocannon({ url, connections: 1, overallRate: 50, duration: 2 }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
    const answers: number[] = [];
    instance.on('response', (_client, _status, _bytes, responseTime) => answers.push(responseTime));
    const result = await instance;
    // A constant 50 req/s would have put 15 requests in the 300 ms stall; none waited.
    expect(result.requests.total).toBeGreaterThanOrEqual(100);
    expect(Math.max(...answers)).toBeLessThan(100);
  });

  it('invents latencies: its correction takes Math.ceil(1 / rate) = 1 ms as the interval between requests', async () => {
    // Every answer takes at least 20 ms; 2 connections at 10 req/s each.
    const slow = http.createServer((_request, response) => setTimeout(() => response.end('ok'), 20));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const port = (slow.address() as AddressInfo).port;
      const result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 2, overallRate: 20, duration: 1 });
      // Each answer of t ms adds about t − 1 fill-in values, one per millisecond below it:
      // at least 19 per request, where a correct interval (100 ms) would add none. totalCount
      // is in the result (lib/aggregateResult.js), not in its types.
      const recorded = (result.latency as unknown as { totalCount: number }).totalCount;
      expect(recorded).toBeGreaterThan(10 * result.requests.total);
    } finally {
      slow.close();
    }
  });
});
