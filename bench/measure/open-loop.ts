// Open-loop load: requests leave at a constant arrival rate whether or not earlier ones
// have been answered, as users arrive. A closed loop (autocannon: each connection waits
// for its answer) offers a slow server less load and times only the requests it managed
// to send, so a stall hides most of the requests it delayed: coordinated omission.
// Each request here is timed twice: from when it was sent (uncorrected, what a closed
// loop reports) and from when it was due (corrected: what the user who arrived then waited).
//
// Why not autocannon's rate options (`overallRate`, `connectionRate`): measured in
// test/bench/measure/open-loop.test.ts, they let each connection send its quota for the
// second as fast as it can and then pause until the next second, still waiting for
// every answer: a burst, not a rate, and a stall later in the second is never seen. Their
// correction passes `Math.ceil(1 / rate)` (seconds, rounded up to 1) as the interval
// where the histogram counts milliseconds, inventing about one value per millisecond of
// every answer: 10 connections at 100 req/s recorded over 3 latencies per request.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Histogram } from './latency-histogram.ts';
import { newLatencyHistogram, recordMs } from './latency-histogram.ts';

export type OpenLoopOptions = {
  readonly url: string;
  readonly ratePerSecond: number;
  readonly durationSeconds: number;
  // Requests outstanding at once; one that is due while this many wait is queued here,
  // sent late, and its corrected latency counts the wait.
  readonly maxInFlight: number;
  // After the schedule ends, how long answers may still take before they count as timeouts.
  readonly drainSeconds: number;
};

export type OpenLoopResult = {
  readonly offeredPerSecond: number;
  // Due within the window.
  readonly scheduled: number;
  readonly sent: number;
  // 2xx answers; their latencies are in the histograms.
  readonly completed: number;
  // Due, but still queued when the window closed: the server never got them.
  readonly dropped: number;
  // Sent more than one arrival interval (at least 1 ms) after they were due.
  readonly late: number;
  readonly timeouts: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly maxInFlight: number;
  // From the first due time to the last answer.
  readonly elapsedSeconds: number;
  readonly uncorrected: Histogram;
  readonly corrected: Histogram;
};

export function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const intervalMs = 1000 / options.ratePerSecond;
  const lateAfterMs = Math.max(1, intervalMs);
  const scheduled = Math.floor(options.ratePerSecond * options.durationSeconds);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxInFlight });
  const uncorrected = newLatencyHistogram();
  const corrected = newLatencyHistogram();
  const counts = { sent: 0, completed: 0, late: 0, timeouts: 0, errors: 0, non2xx: 0, maxInFlight: 0 };
  const queue: number[] = [];
  const pending = new Set<http.ClientRequest>();
  const start = performance.now();
  let lastAnswer = start;
  let due = 0;
  let windowOpen = true;

  return new Promise((resolve) => {
    const finishIfIdle = (): void => {
      if (windowOpen || pending.size > 0) return;
      clearTimeout(drainTimer);
      agent.destroy();
      resolve({
        offeredPerSecond: options.ratePerSecond,
        scheduled,
        ...counts,
        dropped: queue.length,
        elapsedSeconds: (lastAnswer - start) / 1000,
        uncorrected,
        corrected,
      });
    };

    const send = (dueAt: number): void => {
      const sentAt = performance.now();
      counts.sent++;
      if (sentAt - dueAt > lateAfterMs) counts.late++;
      const request = http.get(options.url, { agent }, (response) => {
        response.on('data', () => undefined);
        response.once('end', () => {
          const answeredAt = performance.now();
          lastAnswer = answeredAt;
          settle(request);
          if ((response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300) {
            counts.completed++;
            recordMs(uncorrected, answeredAt - sentAt);
            recordMs(corrected, answeredAt - dueAt);
          } else {
            counts.non2xx++;
          }
        });
      });
      request.once('error', () => {
        if (!pending.has(request)) return;
        counts.errors++;
        settle(request);
      });
      pending.add(request);
      counts.maxInFlight = Math.max(counts.maxInFlight, pending.size);
    };

    // A settled request frees a slot for the oldest queued one.
    const settle = (request: http.ClientRequest): void => {
      pending.delete(request);
      while (queue.length > 0 && pending.size < options.maxInFlight && windowOpen) send(queue.shift() as number);
      finishIfIdle();
    };

    const tick = (): void => {
      const now = performance.now();
      while (due < scheduled && start + due * intervalMs <= now) queue.push(start + due++ * intervalMs);
      while (queue.length > 0 && pending.size < options.maxInFlight) send(queue.shift() as number);
      if (due < scheduled) {
        setTimeout(tick, Math.max(0, start + due * intervalMs - performance.now()));
        return;
      }
      setTimeout(closeWindow, Math.max(0, start + options.durationSeconds * 1000 - performance.now()));
    };

    const closeWindow = (): void => {
      windowOpen = false;
      finishIfIdle();
    };

    // Whatever is still unanswered after the drain is a timeout.
    const drainTimer = setTimeout(() => {
      for (const request of pending) {
        counts.timeouts++;
        pending.delete(request);
        request.destroy();
      }
      windowOpen = false;
      finishIfIdle();
    }, (options.durationSeconds + options.drainSeconds) * 1000);

    tick();
  });
}
