// A one-shot wake-up with sub-millisecond resolution that costs no CPU while waiting.
//
// Node's own timers cannot do it: they count whole milliseconds of a cached loop clock,
// so setTimeout(fn, 0.5) fires anywhere from ~0 to ~2 ms later. Polling the clock with
// setImmediate is exact but keeps a core busy for as long as it waits, and on a
// two-core machine that core is taken from the application and the database under test.
// So a worker thread (wake-thread.ts) sleeps in the kernel until the instant asked for
// and then wakes this thread with a message.
import { Worker } from 'node:worker_threads';

export type WakeTimer = {
  // Calls onWake once at `atNs` (process.hrtime.bigint() time) or a little later;
  // replaces any earlier request.
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

export function createWakeTimer(onWake: () => void): WakeTimer {
  const shared: WakeShared = new SharedArrayBuffer(16);
  const { generation, due } = wakeViews(shared);
  const worker = new Worker(new URL('./wake-thread.ts', import.meta.url), { workerData: shared });
  // The proxy's server keeps the process alive; the sleeping thread must not.
  worker.unref();
  worker.on('message', onWake);
  worker.on('error', (error) => {
    throw error;
  });
  return {
    wakeAt(atNs) {
      Atomics.store(due, 0, atNs);
      Atomics.add(generation, 0, 1);
      Atomics.notify(generation, 0);
    },
  };
}
