import { describe, expect, it } from 'vitest';
import { aaNoiseFloor } from '../../../bench/judge/noise-floor.ts';
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
    expect(floor.byKind.latency).toMatchObject({ canReachAlpha: 0, flagged: [], detectableEffect: null });
  });

  it('reaches alpha with 8 repetitions (4 vs 4) and states the minimum detectable effect', () => {
    const floor = aaNoiseFloor(makeReport({ seed: 1, repetitions: 8, noise: 0.03 }));
    expect(floor.canReachAlpha).toBe(true);
    const latency = floor.byKind.latency;
    expect(latency.canReachAlpha).toBe(latency.metrics);
    expect(latency.typicalHalves).toEqual({ even: 4, odd: 4 });
    // Samples carry ±3 % noise, so no median moves by anything close to 10 %.
    expect(latency.largestChange?.change).toBeLessThan(0.05);
    expect(latency.flagged).toEqual([]);
    expect(floor.byKind.throughput.flagged).toEqual([]);
    // ±3 % uniform noise on medians of 5 samples, 4 vs 4: a few percent is detectable, 20 % is not needed.
    expect(latency.detectableEffect?.median).toBeGreaterThan(0.005);
    expect(latency.detectableEffect?.median).toBeLessThan(0.1);
    expect(latency.detectableEffect?.largest).toBeGreaterThanOrEqual(latency.detectableEffect?.median ?? Infinity);
    // Counters do not depend on the repetition: no noise, any change is detectable.
    expect(floor.byKind.counter).toMatchObject({ largestChange: { change: 0 }, flagged: [], detectableEffect: { median: 0, largest: 0 } });
  });

  it('detects less the noisier the run', () => {
    const quiet = aaNoiseFloor(makeReport({ seed: 3, repetitions: 8, noise: 0.02 })).byKind.latency.detectableEffect?.median ?? 0;
    const loud = aaNoiseFloor(makeReport({ seed: 3, repetitions: 8, noise: 0.3 })).byKind.latency.detectableEffect?.median ?? 0;
    expect(loud).toBeGreaterThan(3 * quiet);
  });

  it('counts apart the cells timed in too few repetitions to split', () => {
    const report = makeReport({ seed: 2, repetitions: 8 });
    const slow = { ...report, measurements: report.measurements.filter((m) => !(m.kind === 'page-load' && m.target === 'baseline' && m.repetition >= 3)) };
    const latency = aaNoiseFloor(slow).byKind.latency;
    // baseline's 4 page cells are now 2 vs 1: they can never reach alpha.
    expect(latency.metrics - latency.canReachAlpha).toBe(4);
  });
});
