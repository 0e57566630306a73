// Releases actions (deliver a chunk, end a socket) a fixed delay after they entered,
// first in first out, with sub-millisecond accuracy.
//
// Every action carries its due time on the high-resolution clock, and a wake timer
// (wake-timer.ts; Node's setTimeout only counts whole milliseconds) fires when the
// oldest one is due. With nothing queued nothing is scheduled at all, so an idle proxy
// uses no CPU, and at latency 0 actions run at once: a plain pass-through.
//
// One line serves every connection of the proxy: with one latency, actions fall due in
// the order they arrive, so the oldest action is always the next one due and a single
// timer suffices however many connections there are.
import { createWakeTimer, nowNs } from './wake-timer.ts';

export type DelayLine = {
  // Runs `release` latency ms from now, and never before anything pushed earlier.
  push(release: () => void): void;
  // Applies to actions pushed from now on. Queued ones keep their due time, so order
  // holds: after a decrease, new actions wait behind older ones (as in Toxiproxy's
  // per-connection queue) for at most the old latency.
  setLatency(ms: number): void;
};

// Released slots at the head of the queue are dropped in one go past this size.
const COMPACT_AFTER = 4096;

type Entry = { readonly due: bigint; readonly release: () => void };

export function createDelayLine(initialMs: number): DelayLine {
  let latencyNs = toNs(initialMs);
  let queue: Entry[] = [];
  let head = 0;
  let armed = false;

  const pump = (): void => {
    const now = nowNs();
    for (let entry = queue[head]; entry !== undefined && entry.due <= now; entry = queue[head]) {
      head += 1;
      entry.release();
    }
    if (head >= COMPACT_AFTER || head === queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    const next = queue[head];
    if (next === undefined) armed = false;
    else timer.wakeAt(next.due);
  };
  const timer = createWakeTimer(pump);

  return {
    push(release) {
      if (latencyNs === 0n && !armed) {
        release();
        return;
      }
      queue.push({ due: nowNs() + latencyNs, release });
      if (!armed) {
        armed = true;
        pump();
      }
    },
    setLatency(ms) {
      latencyNs = toNs(ms);
    },
  };
}

function toNs(ms: number): bigint {
  return BigInt(Math.round(ms * 1e6));
}
