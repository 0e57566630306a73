import { describe, expect, it } from 'vitest';
import { formatMs, formatTimes, significant } from '../../../bench/report/format.ts';
import { findCell, summarize } from '../../../bench/report/summary.ts';
import { fixtureTarget, makeReport } from '../../support/report-fixture.ts';
import { withCopiedTarget, withLoadFailures, withSkippedCell } from './fixtures.ts';

// The fixture's cost formulas (test/support/report-fixture.ts), for 0 noise.
const baselineMs = (gids: number, rtt: number): number => 20 * gids + 2 * gids * rtt;
const wave1Ms = (gids: number, rtt: number): number => 0.3 * gids + gids * rtt;
const optimizedMs = (gids: number, rtt: number): number => 2 + 0.004 * gids + 3 * rtt;

describe('summary figures', () => {
  const exact = summarize(makeReport({ noise: 0 }));

  it('computes page p50/p99 and speedup from the samples', () => {
    const cell = findCell(exact, 'optimized', 1000, 0);
    expect(cell?.page?.p50Ms).toBeCloseTo(optimizedMs(1000, 0), 9);
    expect(cell?.page?.p99Ms).toBeCloseTo(optimizedMs(1000, 0), 9);
    expect(cell?.page?.samples).toBe(6 * 5);
    expect(cell?.speedup).toBeCloseTo(baselineMs(1000, 0) / optimizedMs(1000, 0), 6);
    expect(findCell(exact, 'baseline', 30, 1)?.speedup).toBe(1);
  });

  it('keeps speedups within the noise of the formulas', () => {
    const noisy = summarize(makeReport({ noise: 0.03, seed: 7 }));
    for (const gids of [30, 1000]) {
      for (const rtt of [0, 1]) {
        const expected = baselineMs(gids, rtt) / wave1Ms(gids, rtt);
        const speedup = findCell(noisy, 'wave1-lazy', gids, rtt)?.speedup ?? Number.NaN;
        expect(Math.abs(speedup / expected - 1)).toBeLessThan(0.07);
      }
    }
  });

  it('takes load req/s as the median over repetitions and totals the failures', () => {
    const load = findCell(exact, 'wave1-lazy', 30, 0)?.load;
    expect(load?.requestsPerSecond).toBeCloseTo(4000 / wave1Ms(30, 0), 9);
    expect(load?.p99Ms).toBeCloseTo(1.5 * wave1Ms(30, 0), 9);
    expect(load?.repetitions).toBe(6);
    const failing = summarize(withLoadFailures(makeReport(), { target: 'optimized', gids: 1000, injectedMs: 1 }, 5));
    expect(findCell(failing, 'optimized', 1000, 1)?.load).toMatchObject({ timeouts: 30, errors: 6, non2xx: 0 });
  });

  it('reads queries and workers per request from the counters, at any latency', () => {
    expect(findCell(exact, 'baseline', 1000, 0)?.work).toMatchObject({ queries: 2001, workers: 1000 });
    expect(findCell(exact, 'wave1-lazy', 1000, 0)?.work).toMatchObject({ queries: 1001, workers: 0 });
    // The fixture counts at +0 ms only; the +1 ms cell borrows those counts and says so.
    expect(findCell(exact, 'optimized', 1000, 1)?.work).toMatchObject({ queries: 2, workers: 0, countedAtMs: 0 });
  });

  it("attributes the gain to the article's two waves", () => {
    const waves = exact.waves;
    const total = baselineMs(1000, 0) - optimizedMs(1000, 0);
    expect(waves?.totalSavedMs).toBeCloseTo(total, 6);
    const [wave1, wave2] = waves?.paths[0]?.steps ?? [];
    expect(wave1).toMatchObject({ from: 'baseline', to: 'wave1-lazy' });
    expect(wave1?.savedMs).toBeCloseTo(baselineMs(1000, 0) - wave1Ms(1000, 0), 6);
    expect(wave2).toMatchObject({ from: 'wave1-lazy', to: 'optimized' });
    expect((wave1?.shareOfTotal ?? 0) + (wave2?.shareOfTotal ?? 0)).toBeCloseTo(1, 9);
    expect(waves?.missing).toEqual(['wave2-batched', 'thread-pool']);
  });

  it('shows thread-pool and wave2-batched as alternative paths when measured', () => {
    const report = withCopiedTarget(withCopiedTarget(makeReport({ noise: 0 }), 'thread-pool', 0.8), 'wave2-batched', 0.9);
    const paths = summarize(report).waves?.paths ?? [];
    expect(paths.map((path) => path.steps.map((step) => step.to))).toEqual([
      ['wave1-lazy', 'optimized'],
      ['wave2-batched', 'optimized'],
      ['thread-pool'],
    ]);
    expect(paths[2]?.steps[0]?.savedMs).toBeCloseTo(0.2 * baselineMs(1000, 0), 6);
  });

  it('measures the distance to the raw IN query floor at the nearest size', () => {
    // The fixture's micro-benchmarks stop at 100 gids; the floor costs 1 ms.
    expect(exact.floor).toMatchObject({ floorGids: 100, floorInjectedMs: 0 });
    expect(exact.floor?.ratio).toBeCloseTo(optimizedMs(1000, 0) / 1, 9);
  });

  it("puts our headline next to the article's", () => {
    expect(formatTimes(exact.headline.article.speedup)).toBe('25.6×');
    expect(exact.headline.ours.speedup).toBeCloseTo(baselineMs(1000, 0) / optimizedMs(1000, 0), 6);
  });

  it('finds where each target breaks along the latency sweep', () => {
    // 1000 gids: wave1-lazy costs 300 ms at +0 ms and 1.3 s at +1 ms.
    expect(exact.breakpoints.map((point) => [point.target, point.injectedMs])).toEqual([
      ['baseline', 0],
      ['wave1-lazy', 1],
      ['optimized', null],
    ]);
    const failing = summarize(withLoadFailures(makeReport(), { target: 'optimized', gids: 1000, injectedMs: 1 }, 5));
    expect(failing.breakpoints[2]).toMatchObject({ injectedMs: 1, reason: expect.stringContaining('30 timeouts') });
  });

  it('keeps skipped and unmeasured cells, with their reasons', () => {
    const reason = 'baseline at 1000 gids exceeded the 120 s page timeout';
    const report = withSkippedCell(makeReport({ noise: 0 }), { target: 'wave1-lazy', gids: 1000, injectedMs: 0 }, reason);
    report.parameters.targets.push(fixtureTarget('wave2-batched'));
    const summary = summarize(report);
    const skipped = findCell(summary, 'wave1-lazy', 1000, 0);
    expect(skipped?.page).toBeNull();
    expect(skipped?.speedup).toBeNull();
    expect(skipped?.skipped).toEqual([
      { step: 'page-load', reason },
      { step: 'load', reason },
    ]);
    expect(findCell(summary, 'wave2-batched', 30, 0)).toMatchObject({ page: null, load: null, work: null, skipped: [] });
    expect(summary.waves?.paths).toEqual([]);
    expect(summary.waves?.missing).toContain('wave1-lazy');
    expect(summary.breakpoints[1]).toMatchObject({ target: 'wave1-lazy', injectedMs: 0 });
  });

  it('tells the story at the largest project that has both a baseline and an optimized page load', () => {
    let report = makeReport({ noise: 0 });
    for (const injectedMs of [0, 1]) report = withSkippedCell(report, { target: 'baseline', gids: 1000, injectedMs }, 'timeout');
    const summary = summarize(report);
    expect(summary.reference).toEqual({ project: 'small-project', gids: 30, injectedMs: 0 });
    expect(summary.headline.ours.speedup).toBeCloseTo(baselineMs(30, 0) / optimizedMs(30, 0), 6);
  });
});

describe('number formatting', () => {
  it('writes three significant digits without exponents', () => {
    expect([0.04123, 1.47, 9.996, 123.4, 1470, 37_600].map((v) => significant(v))).toEqual([
      '0.0412',
      '1.47',
      '10.0',
      '123',
      '1470',
      '37600',
    ]);
  });

  it('switches from ms to s at one second', () => {
    expect([0.412, 12.34, 999.4, 999.6, 1470, 37_600].map(formatMs)).toEqual([
      '0.412 ms',
      '12.3 ms',
      '999 ms',
      '1.00 s',
      '1.47 s',
      '37.6 s',
    ]);
  });
});
