// A two-revision run read as BASE and NEW, and the calibration that judges such pairs.
import { describe, expect, it } from 'vitest';
import { judge, rates, ratesTable, thresholdSweep } from '../../../bench/judge/calibration.ts';
import type { Outcome } from '../../../bench/judge/calibration.ts';
import { compareReports } from '../../../bench/judge/compare.ts';
import { gate } from '../../../bench/judge/gate.ts';
import type { Report } from '../../../bench/report/schema.ts';
import { splitRevisions } from '../../../bench/judge/revision-split.ts';
import { makeReport as makeFixture } from '../../support/report-fixture.ts';
import type { FixtureOptions } from '../../support/report-fixture.ts';

// Ten repetitions a side: with p-values Holm-adjusted over the fixture's ~40 timed
// metrics, fewer could never reach significance (the gate's own arithmetic).
const makeReport = (options: FixtureOptions = {}): ReturnType<typeof makeFixture> => makeFixture({ repetitions: 10, ...options });

// One run holding `twin` for every target, measured `factor` × slower, named by `name`.
function withTwins(report: Report, factor: number, name: (target: string) => string): Report {
  const slow = makeReport({ seed: 7, slowdown: { baseline: factor, 'wave1-lazy': factor, optimized: factor } });
  const twins = slow.measurements.flatMap((m) => (m.kind === 'micro' ? [] : [{ ...m, target: name(m.target) }]));
  const targets = report.parameters.targets.map((target) => ({
    ...target,
    name: name(target.name),
    revision: { ref: 'main', sha: 'a'.repeat(40), of: target.name },
  }));
  return {
    ...report,
    parameters: { ...report.parameters, targets: [...targets, ...report.parameters.targets] },
    measurements: [...twins, ...report.measurements],
  };
}

describe('splitRevisions', () => {
  it('makes the targets from REF the base, named as in the working tree, and leaves micro-benchmarks out', () => {
    const run = withTwins(makeReport({ seed: 1 }), 1, (name) => `${name}@aaaaaaa`);
    const split = splitRevisions(run);
    if (split === undefined) throw new Error('not split');
    expect(split.base.parameters.targets.map((t) => t.name)).toEqual(['baseline', 'wave1-lazy', 'optimized']);
    expect(split.base.environment.git.sha).toBe('a'.repeat(40));
    expect(split.head.measurements.some((m) => m.kind === 'micro')).toBe(false);
    expect(split.leftOut).toEqual([]);
    expect(gate(compareReports(split.base, split.head))).toEqual({ pass: true, reasons: [] });
  });

  it('REF slower than the working tree: the head is faster, and the gate passes', () => {
    const split = splitRevisions(withTwins(makeReport({ seed: 1 }), 1.3, (name) => `${name}@aaaaaaa`));
    if (split === undefined) throw new Error('not split');
    const comparison = compareReports(split.base, split.head);
    if (comparison.kind !== 'compared') throw new Error('refused');
    expect(comparison.metrics.find((m) => m.id === 'page-load p50 · optimized · 30 gids · +0 ms')?.verdict.kind).toBe('faster');
  });

  it('is undefined for a run of one revision', () => {
    expect(splitRevisions(makeReport())).toBeUndefined();
  });
});

describe('calibration', () => {
  it('judges a pair by the timing gate alone', () => {
    const only = (report: Report, name: string): Report['measurements'] =>
      report.measurements.flatMap((m) => (m.kind !== 'micro' && m.target === 'optimized' ? [{ ...m, target: name }] : []));
    const base = makeReport({ seed: 3 });
    const run: Report = {
      ...base,
      parameters: { ...base.parameters, targets: ['optimized-base', 'optimized-head'].map((name) => ({ name, kind: 'user' as const, summary: name, maxCpuOnPage: 'lazy' as const })) },
      measurements: [...only(base, 'optimized-base'), ...only(makeReport({ seed: 4, slowdown: { optimized: 1.3 } }), 'optimized-head')],
    };
    const outcome = judge(run, 'optimized', 0.3, {});
    expect(outcome.alarm).toBe(true);
    expect(outcome.flagged).toContain('page-load p50 · optimized-head · 30 gids · +0 ms');
    expect(outcome.pageLoadRatios.every((ratio) => ratio > 1.2)).toBe(true);
    const same: Report = { ...run, measurements: [...only(base, 'optimized-base'), ...only(makeReport({ seed: 4 }), 'optimized-head')] };
    expect(judge(same, 'optimized', 0, {}).alarm).toBe(false);
    // Judged again at other thresholds: a 30 % slowdown passes a 35 % threshold.
    const sweep = thresholdSweep([{ report: same, slowdown: 0 }, { report: run, slowdown: 0.3 }], 'optimized', [0.1, 0.35], 0.05);
    expect(sweep.split('\n').slice(2)).toEqual(['| 0.1 | 0/1 | 1/1 |', '| 0.35 | 0/1 | 0/1 |']);
  });

  it('reports rates with Wilson intervals, honest at 0 of 20', () => {
    const outcome = (slowdown: number, alarm: boolean): Outcome => ({ slowdown, alarm, flagged: [], timedMetrics: 5, pageLoadRatios: [1 + slowdown], run: 'r' });
    const all = [...Array.from({ length: 20 }, () => outcome(0, false)), ...Array.from({ length: 20 }, (_, i) => outcome(0.25, i < 18))];
    const [aa, slow] = rates(all);
    expect(aa).toMatchObject({ comparisons: 20, alarms: 0, rate: 0, low: 0 });
    expect(aa?.high).toBeCloseTo(0.161, 3);
    expect(slow).toMatchObject({ alarms: 18, rate: 0.9 });
    expect(slow?.low).toBeCloseTo(0.699, 3);
    expect(ratesTable(rates(all))).toContain('| +25 % | 20 | 18 | detected 90 % (70 % – 97 %) | +25.0 % |');
  });
});
