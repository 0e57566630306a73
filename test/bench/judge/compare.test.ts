import { describe, expect, it } from 'vitest';
import { compareReports } from '../../../bench/judge/compare.ts';
import type { Comparison, MetricComparison } from '../../../bench/judge/compare.ts';
import { holmAdjusted } from '../../../bench/judge/family-wise.ts';
import { gate } from '../../../bench/judge/gate.ts';
import type { Report } from '../../../bench/report/schema.ts';
import { makeReport as makeFixture } from '../../support/report-fixture.ts';
import type { FixtureOptions } from '../../support/report-fixture.ts';

// Ten repetitions a side: with p-values Holm-adjusted over the fixture's ~40 timed
// metrics, fewer could never reach significance (the gate's own arithmetic).
const makeReport = (options: FixtureOptions = {}): ReturnType<typeof makeFixture> => makeFixture({ repetitions: 10, ...options });
import { withSkippedCell } from '../present/fixtures.ts';

function compared(comparison: Comparison): Extract<Comparison, { kind: 'compared' }> {
  if (comparison.kind !== 'compared') throw new Error(`expected a comparison, got ${comparison.kind}`);
  return comparison;
}

function metric(comparison: Comparison, id: string): MetricComparison {
  const found = compared(comparison).metrics.find((m) => m.id === id);
  if (found === undefined) throw new Error(`no metric ${id}`);
  return found;
}

const optimizedPageLoad = 'page-load p50 · optimized · 30 gids · +0 ms';
const optimizedStatements = 'statements per request · settings · optimized · 30 gids · +0 ms';
const extraStatement = 'executions per request · settings · optimized · 30 gids · +0 ms · SELECT ? FROM extra WHERE gid = ?';

describe('compareReports and the gate', () => {
  it('A/A: same options, different seeds pass, with nothing flagged', () => {
    const comparison = compareReports(makeReport({ seed: 1 }), makeReport({ seed: 2 }));
    expect(gate(comparison)).toEqual({ pass: true, reasons: [] });
    const verdicts = new Set(compared(comparison).metrics.map((m) => m.verdict.kind));
    expect(verdicts.has('slower')).toBe(false);
    expect(verdicts.has('faster')).toBe(false);
  });

  it('fails on a 30 % slowdown and names the metric', () => {
    const comparison = compareReports(makeReport({ seed: 1 }), makeReport({ seed: 2, slowdown: { optimized: 1.3 } }));
    const result = gate(comparison);
    expect(result.pass).toBe(false);
    expect(result.reasons.some((reason) => reason.startsWith(`${optimizedPageLoad}: slower +`))).toBe(true);
    const row = metric(comparison, optimizedPageLoad);
    expect(row.verdict.kind).toBe('slower');
    expect(row.change?.low).toBeLessThan(1.3);
    expect(row.change?.high).toBeGreaterThan(1.3);
    // Throughput falls when latency rises: slower too.
    expect(metric(comparison, 'load req/s · optimized · 30 gids · +0 ms').verdict.kind).toBe('slower');
    // Other targets did not change.
    expect(metric(comparison, 'page-load p50 · baseline · 30 gids · +0 ms').verdict.kind).not.toBe('slower');
  });

  it('reports a speed-up as faster and passes', () => {
    const comparison = compareReports(makeReport({ seed: 1 }), makeReport({ seed: 2, slowdown: { optimized: 0.7 } }));
    expect(metric(comparison, optimizedPageLoad).verdict.kind).toBe('faster');
    expect(gate(comparison).pass).toBe(true);
  });

  it('a significant change smaller than the threshold is within-threshold, not slower', () => {
    const base = makeReport({ seed: 1, noise: 0.005 });
    const next = makeReport({ seed: 2, noise: 0.005, slowdown: { optimized: 1.05 } });
    const row = metric(compareReports(base, next), optimizedPageLoad);
    expect(row.p).toBeLessThan(0.05);
    expect(row.verdict.kind).toBe('within-threshold');
    expect(gate(compareReports(base, next)).pass).toBe(true);
    expect(gate(compareReports(base, next, { threshold: 0.02 })).pass).toBe(false);
  });

  it('fails on one extra statement even when latency is identical, and names it', () => {
    const comparison = compareReports(makeReport({ seed: 1 }), makeReport({ seed: 1, extraQueries: { optimized: 1 } }));
    const result = gate(comparison);
    expect(result.pass).toBe(false);
    expect(result.reasons).toContain(`${optimizedStatements}: increased 2 statements → 3 statements`);
    expect(result.reasons).toContain(`${extraStatement}: increased 0 executions → 1 executions (new)`);
    expect(result.reasons.every((reason) => reason.includes(' · settings · optimized · '))).toBe(true);
    expect(metric(comparison, optimizedPageLoad)).toMatchObject({ p: 1, verdict: { kind: 'unchanged' } });
  });

  it('a counter that decreased passes, a vanished statement included', () => {
    const comparison = compareReports(makeReport({ seed: 1, extraQueries: { optimized: 1 } }), makeReport({ seed: 1 }));
    expect(metric(comparison, optimizedStatements).verdict.kind).toBe('decreased');
    // Counted in both runs, so its absence from NEW is a count of zero, not a missing metric.
    expect(metric(comparison, extraStatement)).toMatchObject({ next: { median: 0 }, verdict: { kind: 'decreased' } });
    expect(compared(comparison).missing).toEqual([]);
    expect(gate(comparison).pass).toBe(true);
  });

  it('names a repeated statement whose count grew: N + 1 where there was one batched query', () => {
    const next = makeReport({ seed: 1 });
    for (const m of next.measurements) {
      if (m.kind !== 'counters' || m.target !== 'optimized' || m.fingerprints === null) continue;
      m.fingerprints = m.fingerprints.map((entry) =>
        entry.fingerprint.includes('IN (...)') ? { ...entry, fingerprint: 'SELECT name, status FROM profile_settings WHERE name = ? LIMIT ?', count: m.gids } : entry,
      );
      m.statements += m.gids - 1;
    }
    const result = gate(compareReports(makeReport({ seed: 1 }), next));
    expect(result.reasons).toContain(
      'executions per request · settings · optimized · 30 gids · +0 ms · SELECT name, status FROM profile_settings WHERE name = ? LIMIT ?: increased 0 executions → 30 executions (new)',
    );
    expect(result.reasons).toContain(`${optimizedStatements}: increased 2 statements → 31 statements`);
  });

  it('compares rows read with a tolerance: the query plan may move it', () => {
    const next = makeReport({ seed: 1 });
    for (const m of next.measurements) if (m.kind === 'counters' && m.target === 'optimized') m.rowsRead *= 1.4;
    const id = 'rows read per request · settings · optimized · 30 gids · +0 ms';
    expect(metric(compareReports(makeReport({ seed: 1 }), next), id).verdict.kind).toBe('within-tolerance');
    expect(gate(compareReports(makeReport({ seed: 1 }), next)).pass).toBe(true);
    const strict = compareReports(makeReport({ seed: 1 }), next, { rowsReadTolerance: 0.2 });
    expect(gate(strict).reasons).toContain(`${id}: increased 90 rows → 126 rows`);
    expect(gate(strict).reasons.every((reason) => reason.startsWith('rows read per request'))).toBe(true);
  });

  it('compares bytes sent exactly on one server family, and not at all across two', () => {
    const next = makeReport({ seed: 1 });
    for (const m of next.measurements) if (m.kind === 'counters' && m.target === 'optimized') m.bytesSent += 348;
    const id = 'bytes sent per request · settings · optimized · 30 gids · +0 ms';
    expect(gate(compareReports(makeReport({ seed: 1 }), next, { allowEnvironmentMismatch: true })).reasons.some((r) => r.startsWith(id))).toBe(true);
    const onMysql = { ...next, environment: { ...next.environment, database: { ...next.environment.database, server: 'MySQL 9.7.4' } } };
    const across = compareReports(makeReport({ seed: 1 }), onMysql, { allowEnvironmentMismatch: true });
    expect(metric(across, id).verdict).toEqual({ kind: 'not-comparable', reason: expect.stringMatching(/encode the same rows differently/) });
    expect(gate(across).reasons.some((r) => r.startsWith(id))).toBe(false);
  });

  it('never gates resources', () => {
    const next = makeReport({ seed: 2 });
    for (const m of next.measurements) {
      if (m.kind === 'load') m.errors = 50;
      if (m.kind === 'counters' && m.peakRssMiB !== null) m.peakRssMiB *= 3;
    }
    const comparison = compareReports(makeReport({ seed: 1 }), next);
    expect(gate(comparison).pass).toBe(true);
    expect(metric(comparison, 'load errors · optimized · 30 gids · +0 ms').p).toBeLessThan(0.05);
  });

  it('marks too few repetitions as not comparable and says how many are needed', () => {
    const comparison = compareReports(makeReport({ seed: 1, repetitions: 3 }), makeReport({ seed: 2, repetitions: 3, slowdown: { optimized: 1.5 } }));
    const verdict = metric(comparison, optimizedPageLoad).verdict;
    expect(verdict).toEqual({ kind: 'not-comparable', reason: '3 vs 3 values can never reach p < 0.05; needs 4+ per run' });
  });

  it('a metric of BASE missing from NEW fails, and says so; one only in NEW is added', () => {
    const full = makeReport({ seed: 1 });
    const withoutLazy: Report = { ...full, measurements: full.measurements.filter((m) => !('target' in m) || m.target !== 'wave1-lazy') };
    const lazyPageLoad = 'page-load p50 · wave1-lazy · 30 gids · +0 ms';
    const comparison = compareReports(full, withoutLazy);
    expect(compared(comparison).missing.map((m) => m.id)).toContain(lazyPageLoad);
    expect(compared(comparison).added).toEqual([]);
    expect(gate(comparison).reasons).toContain(`${lazyPageLoad}: missing in NEW`);
    expect(gate(comparison).pass).toBe(false);
    const backwards = compareReports(withoutLazy, full);
    expect(compared(backwards).added.map((m) => m.id)).toContain(lazyPageLoad);
    expect(gate(backwards).pass).toBe(true);
  });

  it('a cell NEW skipped is missing with its reason, unless --allow-missing names it', () => {
    const next = withSkippedCell(makeReport({ seed: 2 }), { target: 'baseline', gids: 1000, injectedMs: 1 }, 'not timed: too slow');
    const missingId = 'page-load p50 · baseline · 1000 gids · +1 ms';
    const failing = compareReports(makeReport({ seed: 1 }), next);
    expect(gate(failing).reasons).toContain(`${missingId}: missing in NEW (skipped: not timed: too slow)`);
    const allowed = compareReports(makeReport({ seed: 1 }), next, { allowMissing: ['* · baseline · 1000 gids · +1 ms'] });
    expect(compared(allowed).missing.find((m) => m.id === missingId)).toMatchObject({ allowedBy: '* · baseline · 1000 gids · +1 ms' });
    expect(gate(allowed)).toEqual({ pass: true, reasons: [] });
  });

  it('with --latency off, missing timings do not matter but missing counters do', () => {
    const next = withSkippedCell(makeReport({ seed: 2 }), { target: 'baseline', gids: 1000, injectedMs: 1 }, 'not timed');
    expect(gate(compareReports(makeReport({ seed: 1 }), next, { latency: 'off' })).pass).toBe(true);
    const noCounters: Report = { ...next, measurements: next.measurements.filter((m) => !(m.kind === 'counters' && m.target === 'baseline' && m.gids === 30)) };
    const result = gate(compareReports(makeReport({ seed: 1 }), noCounters, { latency: 'off' }));
    expect(result.reasons).toContain('statements per request · settings · baseline · 30 gids · +0 ms: missing in NEW');
  });

  it('fails a gate that compared nothing', () => {
    const empty: Report = { ...makeReport({ seed: 1 }), measurements: [] };
    expect(gate(compareReports(empty, makeReport({ seed: 2 })))).toEqual({ pass: false, reasons: ['no metric is present in both runs'] });
  });
});

describe('latency modes', () => {
  const everyTarget = { baseline: 1.5, 'wave1-lazy': 1.5, optimized: 1.5 };

  it('ratio mode tolerates a machine that is uniformly slower', () => {
    const base = makeReport({ seed: 1 });
    const next = makeReport({ seed: 2, slowdown: everyTarget });
    expect(gate(compareReports(base, next)).pass).toBe(false);
    const comparison = compareReports(base, next, { latency: 'ratio' });
    expect(gate(comparison)).toEqual({ pass: true, reasons: [] });
    expect(metric(comparison, optimizedPageLoad)).toMatchObject({ basis: 'ratio-to-baseline', unit: '× baseline' });
    // The baseline itself is the reference: shown in absolute terms, never gated.
    expect(metric(comparison, 'page-load p50 · baseline · 30 gids · +0 ms').verdict.kind).toBe('reference');
  });

  it('ratio mode flags one target slowed alone', () => {
    const comparison = compareReports(makeReport({ seed: 1 }), makeReport({ seed: 2, slowdown: { optimized: 1.3 } }), { latency: 'ratio' });
    const result = gate(comparison);
    expect(result.pass).toBe(false);
    expect(result.reasons.some((reason) => reason.startsWith(`${optimizedPageLoad}: slower`))).toBe(true);
    expect(result.reasons.every((reason) => reason.includes('optimized'))).toBe(true);
  });

  it('ratio mode cannot divide micro-benchmarks, which have no baseline target', () => {
    const comparison = compareReports(makeReport({ seed: 1 }), makeReport({ seed: 2 }), { latency: 'ratio' });
    expect(metric(comparison, 'micro p50 · settings: n+1 · 10 gids · +0 ms').verdict.kind).toBe('not-comparable');
  });

  it('off compares counters only', () => {
    const comparison = compared(compareReports(makeReport({ seed: 1 }), makeReport({ seed: 2, slowdown: everyTarget }), { latency: 'off' }));
    expect(new Set(comparison.metrics.map((m) => m.kind))).toEqual(new Set(['counter']));
    expect(comparison.ignored.length).toBeGreaterThan(0);
    expect(gate(comparison).pass).toBe(true);
  });
});

describe('environment check', () => {
  it('refuses runs from different machines, listing the field', () => {
    const comparison = compareReports(makeReport({ seed: 1 }), makeReport({ seed: 2, cpuModel: 'Other CPU' }));
    expect(comparison).toMatchObject({
      kind: 'refused',
      mismatches: [{ field: 'cpu.model', base: '"Fixture CPU @ 2.0GHz"', next: '"Other CPU"' }],
    });
    expect(gate(comparison).pass).toBe(false);
  });

  it('compares anyway when allowed, keeping the mismatches for the banner', () => {
    const comparison = compared(compareReports(makeReport({ seed: 1 }), makeReport({ seed: 2, cpuModel: 'Other CPU' }), { allowEnvironmentMismatch: true }));
    expect(comparison.mismatches.map((m) => m.field)).toEqual(['cpu.model']);
    expect(gate(comparison).pass).toBe(true);
  });

  it('checks the database, seed, parameters and Node major version', () => {
    const base = makeReport({ seed: 1 });
    const next = makeReport({ seed: 2, databaseServer: 'MySQL 8.4.3' });
    next.environment.seed.fingerprint = 'e'.repeat(64);
    next.parameters.chunkSize = 500;
    next.environment.node = '22.22.0';
    const refused = compareReports(base, next);
    expect(refused.kind).toBe('refused');
    expect(refused.mismatches.map((m) => m.field)).toEqual(['database.server', 'seed.fingerprint', 'node major version', 'parameters.chunkSize']);
    // A different minor or patch version of Node is the same environment.
    const patched = makeReport({ seed: 2 });
    patched.environment.node = 'v24.1.0';
    expect(compareReports(base, patched).mismatches).toEqual([]);
  });
});

describe('many timings at once: Holm keeps the chance of any false alarm at alpha', () => {
  it('adjusts p-values step-down, never below their own, never above 1', () => {
    expect(holmAdjusted([0.01, 0.04, 0.03, 0.005]).map((p) => Number(p.toFixed(6)))).toEqual([0.03, 0.06, 0.06, 0.02]);
    expect(holmAdjusted([0.5, 0.9])).toEqual([1, 1]);
  });

  it('with few repetitions, a change one metric alone would show is not enough among forty', () => {
    const base = makeFixture({ seed: 1, repetitions: 6 });
    const next = makeFixture({ seed: 2, repetitions: 6, slowdown: { optimized: 1.3 } });
    expect(metric(compareReports(base, next, { multipleComparisons: 'none' }), optimizedPageLoad).verdict.kind).toBe('slower');
    const adjusted = compared(compareReports(base, next));
    const row = metric(adjusted, optimizedPageLoad);
    expect(row.verdict.kind).toBe('unchanged');
    expect(row.p).toBeGreaterThan(row.unadjustedP ?? 1);
    expect(adjusted.family).toBeGreaterThan(30);
  });
});
