// One clock for every span, in every thread. OpenTelemetry's SDK stamps a span's start
// with Date.now(), whole milliseconds: two 0.2 ms queries one after another would then
// overlap on paper, and "sequential" (the N + 1 rule) could not be told. So spans get
// explicit times from process.hrtime, which is monotonic, in nanoseconds, and the same
// clock in the main thread and in worker threads; one offset turns it into Unix time.
import type { HrTime } from '@opentelemetry/api';

const nsPerSecond = 1_000_000_000n;
const unixOffsetNs = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6)) - process.hrtime.bigint();

export function unixTime(monotonicNs: bigint): HrTime {
  const ns = monotonicNs + unixOffsetNs;
  return [Number(ns / nsPerSecond), Number(ns % nsPerSecond)];
}

export function now(): HrTime {
  return unixTime(process.hrtime.bigint());
}
