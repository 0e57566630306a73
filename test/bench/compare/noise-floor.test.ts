import { describe, expect, it } from 'vitest';
import { aaNoiseFloor } from '../../../bench/noise-floor.ts';
import { makeReport } from '../../support/report-fixture.ts';

describe('aaNoiseFloor', () => {
  it('says when the halves are too small to detect anything (3 vs 3)', () => {
    const floor = aaNoiseFloor(makeReport({ seed: 1, repetitions: 6 }));
    expect(floor).toMatchObject({
      repetitions: { even: 3, odd: 3 },
      smallestPossibleP: expect.closeTo(0.1, 12),
      canReachAlpha: false,
      minimumRepetitionsPerRun: 4,
      minimumRepetitionsForAA: 8,
    });
    expect(floor.byKind.latency.flagged).toEqual([]);
    expect(floor.byKind.latency.detectableChange).toBeNull();
  });

  it('measures the noise of a run large enough to split (5 vs 5)', () => {
    const floor = aaNoiseFloor(makeReport({ seed: 1, repetitions: 10, noise: 0.03 }));
    expect(floor.canReachAlpha).toBe(true);
    const latency = floor.byKind.latency;
    expect(latency.metrics).toBeGreaterThan(0);
    // Samples carry ±3 % noise, so no median moves by anything close to 10 %.
    expect(latency.largestChange?.change).toBeGreaterThan(0);
    expect(latency.largestChange?.change).toBeLessThan(0.05);
    expect(latency.flagged).toEqual([]);
    expect(floor.byKind.throughput.flagged).toEqual([]);
    expect(latency.widestInterval).toBeGreaterThan(0);
    expect(latency.detectableChange).toBeGreaterThanOrEqual(floor.threshold);
    // Counters do not depend on the repetition: no noise, any change is detectable.
    expect(floor.byKind.counter).toMatchObject({ largestChange: { change: 0 }, flagged: [], detectableChange: 0 });
  });

  it('reports a detectable change above the threshold when the noise is wider', () => {
    const floor = aaNoiseFloor(makeReport({ seed: 3, repetitions: 8, noise: 0.3 }), { threshold: 0.01 });
    expect(floor.byKind.latency.detectableChange).toBeGreaterThan(0.01);
    expect(floor.byKind.latency.detectableChange).toBe(floor.byKind.latency.widestInterval);
  });
});
