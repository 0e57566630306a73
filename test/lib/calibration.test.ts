// The calibration knob adds at least the asked fraction of a request's own time, and
// nothing when off. Lower bounds only: a busy machine can only make it take longer.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { addCalibrationCost } from '../../lib/calibration.ts';
import { parseConfig } from '../../lib/config.ts';

describe('CALIBRATION_SLOWDOWN', () => {
  it('is off unless set, and validated', () => {
    const off = parseConfig([], {});
    expect(off.kind === 'config' && off.config.calibrationSlowdown).toBe(0);
    expect(parseConfig([], { CALIBRATION_SLOWDOWN: '-1' }).kind).toBe('error');
  });

  it('spins for the fraction of the time the request has taken so far', () => {
    const startedAt = performance.now() - 40;
    const before = performance.now();
    addCalibrationCost(0.5, startedAt);
    expect(performance.now() - before).toBeGreaterThanOrEqual(20);
  });
});
