// The collapsed-run rule: five or more spans with one label, one after another in a
// group, become one band, named with their count, whether they overlapped, and how long.
import { describe, expect, it } from 'vitest';
import { collapseRuns, describeRun } from '../../../../bench/tools/trace/runs.ts';
import { traceRules } from '../../../../bench/tools/trace/rules.ts';
import { spanLabel } from '../../../../bench/tools/trace/span-role.ts';
import { query, thread } from './fixture.ts';

const kinds = (rows: ReturnType<typeof collapseRuns>): string[] => rows.map((row) => (row.kind === 'run' ? `run×${row.run.spans.length}` : 'span'));

describe('collapseRuns', () => {
  it('collapses five identical spans in a row, not four', () => {
    const five = [0, 1, 2, 3, 4].map((index) => query(`${index + 1}`, 'f', index, index + 0.5));
    expect(kinds(collapseRuns(five, spanLabel, traceRules.collapseAtLeast))).toEqual(['run×5']);
    expect(kinds(collapseRuns(five.slice(0, 4), spanLabel, traceRules.collapseAtLeast))).toEqual(['span', 'span', 'span', 'span']);
  });

  it('breaks a run where the label changes, and keeps time order', () => {
    const other = query('99', 'f', 2.6, 2.8, 'SELECT id FROM projects WHERE code = ?');
    const spans = [...[0, 1, 2].map((index) => query(`${index + 1}`, 'f', index, index + 0.5)), other,
      ...[3, 4, 5, 6, 7].map((index) => query(`${index + 1}`, 'f', index, index + 0.5))];
    const rows = collapseRuns([...spans].reverse(), spanLabel, 5);
    expect(kinds(rows)).toEqual(['span', 'span', 'span', 'span', 'run×5']);
    expect(rows[3]).toMatchObject({ kind: 'span', label: 'SELECT … FROM projects WHERE code = ?' });
  });

  it('names a sequential run by its span from first start to last end', () => {
    const loop = [0, 1, 2, 3, 4].map((index) => query(`${index + 1}`, 'f', index * 10, index * 10 + 2));
    const [row] = collapseRuns(loop, spanLabel, 5);
    if (row?.kind !== 'run') throw new Error('expected a run');
    expect(row.run).toMatchObject({ overlap: 'sequential', mostAtOnce: 1 });
    expect(describeRun(row.run)).toBe('× 5 `SELECT … FROM profile_settings WHERE name = ? LIMIT ?`, sequential, 42.0 ms');
  });

  it('names an overlapping run by how many ran at once', () => {
    // Three waves of two, then one: at most two at a time; touching spans do not overlap.
    const spans = [[0, 10], [0, 10], [10, 20], [10, 20], [20, 30], [20, 30], [30, 31]]
      .map(([from, to], index) => thread(`${index + 1}`, 'f', from ?? 0, to ?? 0));
    const [row] = collapseRuns(spans, spanLabel, 5);
    if (row?.kind !== 'run') throw new Error('expected a run');
    expect(describeRun(row.run)).toBe('× 7 `thread`, overlapping, up to 2 at once, 31.0 ms');
  });
});
