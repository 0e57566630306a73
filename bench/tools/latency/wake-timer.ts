// A one-shot wake-up at an instant of the high-resolution clock, accurate to a few
// microseconds, that costs no CPU while it waits.
//
// Node's own timers cannot do it: they count whole milliseconds of a cached loop clock,
// so setTimeout(fn, 0.5) fires anywhere from ~0 to ~2 ms later. Polling the clock with
// setImmediate is exact but keeps a core busy for as long as it waits, and on a
// two-core machine that core is taken from the application and the database under test.
// So a worker thread (wake-thread.ts) sleeps in the kernel and wakes this thread with a
// message shortly before the instant, and setImmediate polls the clock for the rest.
// How much earlier is learnt: the message arrives some tens of microseconds after the
// thread woke (hundreds on a busy machine), and the lead tracks the 90th percentile of
// that delay, so polling stays short while wake-ups are rarely late.
import { Worker } from 'node:worker_threads';

export type WakeTimer = {
  // Calls onWake once, at `atNs` (process.hrtime.bigint() time) or as soon after as the
  // machine allows. One wake-up at a time: call again only after onWake has run.
  wakeAt(atNs: bigint): void;
};

// Shared with the worker: a request counter it can sleep on, and the requested instant.
export type WakeShared = SharedArrayBuffer;

export function wakeViews(shared: WakeShared): { generation: Int32Array; due: BigInt64Array } {
  return { generation: new Int32Array(shared, 0, 1), due: new BigInt64Array(shared, 8, 1) };
}

// One monotonic clock for both threads (performance.now() has a per-thread origin).
export function nowNs(): bigint {
  return process.hrtime.bigint();
}

const INITIAL_LEAD_NS = 200_000;
const MIN_LEAD_NS = 20_000;
const MAX_LEAD_NS = 2_000_000;
// Streaming quantile estimate: up a lot when a wake-up came later than the lead, down a
// little when it came in time, so the lead settles where 90 % come in time and a single
// hiccup of the machine moves it by microseconds only.
const LEAD_STEP_NS = 20_000;
const LEAD_QUANTILE = 0.9;

export function createWakeTimer(onWake: () => void): WakeTimer {
  const shared: WakeShared = new SharedArrayBuffer(16);
  const { generation, due } = wakeViews(shared);
  let leadNs = INITIAL_LEAD_NS;
  let target = 0n;
  let asked = 0n;

  const poll = (): void => {
    if (nowNs() < target) {
      setImmediate(poll);
      return;
    }
    onWake();
  };

  const worker = new Worker(new URL('./wake-thread.ts', import.meta.url), { workerData: shared });
  // The proxy's server keeps the process alive; the sleeping thread must not.
  worker.unref();
  worker.on('error', (error) => {
    throw error;
  });
  worker.on('message', () => {
    const lateNs = Number(nowNs() - asked);
    leadNs += lateNs > leadNs ? LEAD_STEP_NS * LEAD_QUANTILE : -LEAD_STEP_NS * (1 - LEAD_QUANTILE);
    leadNs = Math.min(MAX_LEAD_NS, Math.max(MIN_LEAD_NS, leadNs));
    poll();
  });

  return {
    wakeAt(atNs) {
      target = atNs;
      asked = atNs - BigInt(Math.round(leadNs));
      if (asked <= nowNs()) {
        // Not poll() itself: onWake must not run inside the caller.
        setImmediate(poll);
        return;
      }
      Atomics.store(due, 0, asked);
      Atomics.add(generation, 0, 1);
      Atomics.notify(generation, 0);
    },
  };
}
