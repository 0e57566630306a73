// The worker thread behind wake-timer.ts. It sleeps in Atomics.wait (a futex wait the
// kernel times in nanoseconds, not Node's whole milliseconds) until the instant the
// main thread asked for, then posts one message. Asleep, it costs no CPU.
import { parentPort, workerData } from 'node:worker_threads';
import type { WakeShared } from './wake-timer.ts';
import { nowNs, wakeViews } from './wake-timer.ts';

const { generation, due } = wakeViews(workerData as WakeShared);

for (;;) {
  const seen = Atomics.load(generation, 0);
  const at = Atomics.load(due, 0);
  if (at === 0n) {
    Atomics.wait(generation, 0, seen);
    continue;
  }
  const leftMs = Number(at - nowNs()) / 1e6;
  if (leftMs > 0) {
    // Returns early when the main thread asks for another instant.
    Atomics.wait(generation, 0, seen, leftMs);
    continue;
  }
  // Wake the main thread once per request; a newer request (different `due`) wins.
  if (Atomics.compareExchange(due, 0, at, 0n) === at) parentPort?.postMessage(null);
}
