// CALIBRATION ONLY (make calibrate, CALIBRATION_SLOWDOWN): makes each request slower by
// a known fraction of its own time, so the gate's detection rate can be measured against
// a slowdown of known size. Busy work on the server's one thread, like real extra code;
// off (0) unless the calibration sets it.
import { performance } from 'node:perf_hooks';

export function addCalibrationCost(slowdown: number, requestStartedAt: number): void {
  if (slowdown <= 0) return;
  const until = performance.now() + slowdown * (performance.now() - requestStartedAt);
  while (performance.now() < until) {
    // Spinning on purpose: this is the extra cost.
  }
}
