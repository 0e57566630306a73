import { describe, expect, it } from 'vitest';
import { biggerIsBetter, smallerIsBetter } from '../../../bench/present/github-benchmark.ts';
import { summarize } from '../../../bench/present/summary.ts';
import { metricsOf } from '../../../bench/judge/metrics.ts';
import { makeReport } from '../../support/report-fixture.ts';

// github-action-benchmark's custom tools: an array of { name, unit, value, range?, extra? }.
function expectActionShape(entries: readonly object[]): void {
  for (const entry of entries) {
    expect(Object.keys(entry).every((key) => ['name', 'unit', 'value', 'range', 'extra'].includes(key))).toBe(true);
    expect(entry).toMatchObject({ name: expect.any(String), unit: expect.any(String), value: expect.any(Number) });
    const { value, range, extra } = entry as { value: number; range?: unknown; extra?: unknown };
    expect(Number.isFinite(value)).toBe(true);
    if (range !== undefined) expect(range).toEqual(expect.stringMatching(/^± /));
    if (extra !== undefined) expect(typeof extra).toBe('string');
  }
}

describe('github-action-benchmark files', () => {
  const report = makeReport({ noise: 0 });
  const summary = summarize(report);
  const metricIds = new Set(metricsOf(report).map((metric) => metric.id));

  it('lists page-load p50 per cell and queries per request, smaller is better', () => {
    const entries = smallerIsBetter(summary);
    expectActionShape(entries);
    expect(entries.filter((e) => e.name.startsWith('page-load p50 · '))).toHaveLength(3 * 2 * 2);
    expect(entries.filter((e) => e.name.startsWith('select statements per request · '))).toHaveLength(3 * 2);
    expect(entries).toContainEqual(
      expect.objectContaining({ name: 'page-load p50 · optimized · 1000 gids · +0 ms', unit: 'ms', value: 6 }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ name: 'select statements per request · settings · baseline · 1000 gids · +0 ms', unit: 'statements', value: 2001 }),
    );
  });

  it('lists load req/s, bigger is better', () => {
    const entries = biggerIsBetter(summary);
    expectActionShape(entries);
    expect(entries).toHaveLength(3 * 2 * 2);
    expect(entries.every((e) => e.unit === 'req/s')).toBe(true);
  });

  it('names entries by the metric ids that `make compare` uses', () => {
    for (const entry of [...smallerIsBetter(summary), ...biggerIsBetter(summary)]) expect(metricIds).toContain(entry.name);
  });

  it('gives a spread only when there are repetitions to spread', () => {
    const single = summarize(makeReport({ repetitions: 1 }));
    expect(smallerIsBetter(single).some((e) => e.range !== undefined)).toBe(false);
    expect(smallerIsBetter(summarize(makeReport())).find((e) => e.unit === 'ms')?.range).toMatch(/^± \d/);
  });
});
