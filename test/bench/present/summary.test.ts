import { describe, expect, it } from 'vitest';
import type { Measurement, Report } from '../../../bench/report/schema.ts';
import { formatMs, formatTimes, significant } from '../../../bench/present/format.ts';
import { findCell, summarize } from '../../../bench/present/summary.ts';
import { ratioVerdict } from '../../../bench/judge/stats/ratio-verdict.ts';
import { histogramOf, makeReport } from '../../support/report-fixture.ts';
import { withCopiedTarget, withLoadFailures, withSkippedCell } from './fixtures.ts';

// The fixture's cost formulas (test/support/report-fixture.ts), for 0 noise.
const baselineMs = (gids: number, rtt: number): number => 20 * gids + 2 * gids * rtt;
const wave1Ms = (gids: number, rtt: number): number => 0.3 * gids + gids * rtt;
const optimizedMs = (gids: number, rtt: number): number => 2 + 0.004 * gids + 3 * rtt;

// Keeps only the first `samples` samples of the target's first three repetitions: a slow
// cell, as the harness times the literal baseline's 1000-gid page.
function asSlowCell(report: Report, target: string): Report {
  const measurements = report.measurements.flatMap((m): Measurement[] => {
    if (m.kind !== 'page-load' || m.target !== target) return [m];
    return m.repetition < 3 ? [{ ...m, samplesMs: m.samplesMs.slice(0, 1) }] : [];
  });
  return { ...report, measurements };
}

describe('summary figures', () => {
  const exact = summarize(makeReport({ noise: 0 }));
  const noisy = summarize(makeReport({ noise: 0.03, seed: 7 }));

  it('gives every page cell n, median, interval, min and max, and no p99 below 100 samples', () => {
    const page = findCell(noisy, 'optimized', 1000, 0)?.page;
    expect(page?.n).toBe(6 * 5);
    expect(page?.median).toBeCloseTo(optimizedMs(1000, 0), -1);
    expect(page?.interval.kind).toBe('interval');
    expect(page?.interval.low).toBeLessThanOrEqual(page?.median ?? 0);
    expect(page?.interval.high).toBeGreaterThanOrEqual(page?.median ?? Infinity);
    expect(page?.min).toBeLessThanOrEqual(page?.interval.low ?? 0);
    expect(page?.p99).toBeNull();
  });

  it('below 6 samples shows the range and its real confidence, not a 95 % interval', () => {
    const slow = summarize(asSlowCell(makeReport({ noise: 0.03 }), 'baseline'));
    const page = findCell(slow, 'baseline', 1000, 0)?.page;
    expect(page?.n).toBe(3);
    expect(page?.interval).toMatchObject({ kind: 'range', low: page?.min, high: page?.max });
    expect(page?.interval.coverage).toBeCloseTo(0.75, 12);
    // 3 against 30 samples still bound a ratio: the headline keeps its interval.
    const row = slow.headline.rows[0];
    expect(row?.ratio !== null && ratioVerdict(row?.ratio ?? { ratio: 1, low: 0, high: Infinity })).toBe('higher');
  });

  it("puts each story's before, after, ratio and wave shares at the headline size and latencies", () => {
    expect(formatTimes(exact.headline.article.speedup)).toBe('25.6×');
    expect(exact.headline.rows.map((row) => [row.story.id, row.injectedMs])).toEqual([['literal', 0], ['literal', 1]]);
    const [zero, one] = noisy.headline.rows;
    expect(zero?.ratio?.ratio).toBeCloseTo(baselineMs(1000, 0) / optimizedMs(1000, 0), -2);
    expect(zero?.ratio?.low).toBeGreaterThan(1);
    const wave1Share = (baselineMs(1000, 1) - wave1Ms(1000, 1)) / (baselineMs(1000, 1) - optimizedMs(1000, 1));
    expect(one?.shares?.first.estimate).toBeCloseTo(wave1Share, 2);
    expect(one?.shares?.first.low).toBeLessThan(wave1Share);
    expect(one?.shares?.first.high).toBeGreaterThan(wave1Share);
    expect((one?.shares?.first.estimate ?? 0) + (one?.shares?.second.estimate ?? 0)).toBeCloseTo(1, 12);
  });

  it('calls a difference inside the noise `~`, never a speedup', () => {
    // A "wave" measured as the baseline itself, ±3 % noise: there is no difference to find.
    const copied = withCopiedTarget(makeReport({ noise: 0.03, seed: 3 }), 'wave2-batched', 1.0);
    const story = { id: 'literal', label: 'the literal port', before: 'baseline', wave1: 'wave2-batched', wave2: null, after: 'optimized' };
    const summary = summarize({ ...copied, parameters: { ...copied.parameters, stories: [story] } });
    const step = summary.waves[0]?.paths[0]?.steps[0];
    expect(step?.to).toBe('wave2-batched');
    expect(ratioVerdict(step?.speedup ?? { ratio: 1, low: 0, high: Infinity })).toBe('no-difference');
    expect(step?.share.low).toBeLessThan(0);
  });

  it('attributes each story\'s gain to its waves in the article\'s order', () => {
    const waves = exact.waves[0];
    expect(waves?.at).toEqual({ project: 'large-project', gids: 1000, injectedMs: 0 });
    const [wave1, wave2] = waves?.paths[0]?.steps ?? [];
    expect(wave1).toMatchObject({ from: 'baseline', to: 'wave1-lazy' });
    expect(wave1?.savedMs).toBeCloseTo(baselineMs(1000, 0) - wave1Ms(1000, 0), 6);
    expect(wave2).toMatchObject({ from: 'wave1-lazy', to: 'optimized' });
    expect(exact.waves.map((w) => w.at.injectedMs)).toEqual([0, 1]);
  });

  it('takes load req/s over repetitions, latencies from the merged histograms, and totals the failures', () => {
    const load = findCell(exact, 'wave1-lazy', 30, 0)?.load;
    expect(load?.requestsPerSecond.median).toBeCloseTo(4000 / wave1Ms(30, 0), 9);
    expect(load?.requestsPerSecond.n).toBe(6);
    expect(load?.latency?.medianMs).toBeCloseTo(wave1Ms(30, 0), 1);
    expect(load?.status).toBe('ok');
    const failing = summarize(withLoadFailures(makeReport(), { target: 'optimized', gids: 1000, injectedMs: 1 }, 5));
    expect(findCell(failing, 'optimized', 1000, 1)?.load).toMatchObject({ timeouts: 30, errors: 6, non2xx: 0, status: 'failing' });
  });

  it('calls a closed loop that completed nothing saturated, not ok', () => {
    const report = makeReport();
    const saturated: Report = {
      ...report,
      measurements: report.measurements.map((m) => (m.kind === 'load' && m.target === 'baseline' && m.gids === 1000 ? { ...m, requests: 0, requestsPerSecond: 0, histogram: histogramOf(0, 0) } : m)),
    };
    expect(findCell(summarize(saturated), 'baseline', 1000, 0)?.load).toMatchObject({ requests: 0, status: 'saturated', latency: null });
  });

  it('reads the open loop: offered vs achieved, and corrected beside uncorrected latencies', () => {
    const [open] = findCell(exact, 'optimized', 1000, 0)?.openLoads ?? [];
    expect(open).toMatchObject({ capacityPercent: 50, dropped: 0, late: 0, status: 'ok' });
    expect(open?.achievedPerSecond).toBeCloseTo(open?.offeredPerSecond ?? 0, 0);
    expect((open?.corrected?.medianMs ?? 0) / (open?.uncorrected?.medianMs ?? 1)).toBeCloseTo(2, 2);
  });

  it('reads k, the round trips on the critical path, from the sweep and checks it against the counters', () => {
    const byTarget = new Map(exact.roundTrips.map((trips) => [trips.target, trips]));
    // wave1-lazy costs gids · rtt: k = 1000, and its 1001 counted queries agree.
    expect(byTarget.get('wave1-lazy')?.fit?.slope).toBeCloseTo(1000, 6);
    expect(byTarget.get('wave1-lazy')).toMatchObject({ agrees: true, expected: { value: 1001 } });
    // optimized: 3 · rtt against 2 counted queries, within the tolerance of one.
    expect(byTarget.get('optimized')?.fit?.slope).toBeCloseTo(3, 6);
    expect(byTarget.get('optimized')?.agrees).toBe(true);
    // The fixture's baseline pays 2 · gids round trips, its counters predict 1001 + 3: flagged.
    expect(byTarget.get('baseline')?.fit?.slope).toBeCloseTo(2000, 6);
    expect(byTarget.get('baseline')).toMatchObject({ agrees: false, expected: { value: 1004 } });
    expect(byTarget.get('baseline')?.disagreement).toMatch(/more round trips/);
  });

  it('measures the distance to the raw IN query floor at the nearest size', () => {
    // The fixture's micro-benchmarks stop at 100 gids; the floor costs 1 ms.
    expect(exact.floor).toMatchObject({ floorGids: 100, floorInjectedMs: 0 });
    expect(exact.floor?.ratio).toBeCloseTo(optimizedMs(1000, 0) / 1, 9);
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

  it('says why a headline cell was not timed, from the skip that left it out', () => {
    const reason = 'not timed: 3 pages of 141 s would take 423 s (over 30 s per cell)';
    const report = withSkippedCell(makeReport({ noise: 0 }), { target: 'baseline', gids: 1000, injectedMs: 1 }, reason);
    const row = summarize(report).headline.rows[1];
    expect(row?.before).toMatchObject({ page: null, why: reason });
    expect(row?.ratio).toBeNull();
    expect(findCell(summarize(report), 'baseline', 1000, 1)?.skipped).toEqual([
      { step: 'page-load', reason },
      { step: 'load', reason },
    ]);
  });

  it('warns when the machine was busy', () => {
    expect(exact.busy).toEqual([]);
    const busy = summarize(makeReport({ machine: { loadBefore: 7.5, outsideCpuSeconds: 900 } })).busy;
    expect(busy[0]).toContain('load average was 7.5 when the run began, above the 2 cores');
    expect(busy[1]).toContain('used 1.50 cores on average');
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

  it('writes ratios with the digits that matter', () => {
    expect([0.943, 2.5, 25.58, 7181.2].map(formatTimes)).toEqual(['0.94×', '2.50×', '25.6×', '7181×']);
  });
});
