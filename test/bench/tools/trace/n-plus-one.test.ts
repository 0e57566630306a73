// N + 1 by Sentry's rule: sequential, non-overlapping, same statement, same parent, at
// least five; raised only when they take 50 ms together.
import { describe, expect, it } from 'vitest';
import { findNPlusOne } from '../../../../bench/tools/trace/n-plus-one.ts';
import { traceRules } from '../../../../bench/tools/trace/rules.ts';
import { baselineLike, query, span } from './fixture.ts';

const rule = traceRules.nPlusOne;

describe('findNPlusOne', () => {
  it('finds the loop under its parent, and not the threads beside it', () => {
    const found = findNPlusOne(baselineLike(100, 30), rule);
    expect(found).toHaveLength(1);
    expect(found[0]?.spans).toHaveLength(100);
    expect(found[0]?.parent?.name).toBe('getGroupProfileSettings');
    expect(found[0]?.totalMs).toBeCloseTo(80, 6);
    expect(found[0]?.flagged).toBe(true);
  });

  it('reports a short loop but does not raise it under 50 ms in total', () => {
    const [run] = findNPlusOne(baselineLike(30, 0), rule);
    expect(run?.spans).toHaveLength(30);
    expect(run?.totalMs).toBeCloseTo(24, 6);
    expect(run?.flagged).toBe(false);
  });

  it('needs five', () => {
    expect(findNPlusOne(baselineLike(4, 0), rule)).toEqual([]);
    expect(findNPlusOne(baselineLike(5, 0), rule)).toHaveLength(1);
  });

  it('does not count overlapping queries (a fan-out) as N + 1', () => {
    const parallel = [0, 1, 2, 3, 4, 5].map((index) => query(`${index + 1}`, 'f', index * 0.1, index * 0.1 + 20));
    expect(findNPlusOne([span({ id: 'f', name: 'getMaxCpus', from: 0, to: 30 }), ...parallel], rule)).toEqual([]);
  });

  it('does not join queries under different parents', () => {
    const spans = [0, 1, 2, 3, 4, 5].map((index) => query(`${index + 1}`, `p${index}`, index * 20, index * 20 + 15));
    expect(findNPlusOne(spans, rule)).toEqual([]);
  });

  it('is broken by another statement or another span in between, as Sentry walks siblings', () => {
    const loop = (from: number): ReturnType<typeof query>[] =>
      [0, 1, 2].map((index) => query(`${from + index}`, 'f', (from + index) * 20, (from + index) * 20 + 15));
    expect(findNPlusOne([...loop(10), ...loop(200)], rule).map((run) => run.spans.length)).toEqual([6]);
    const other = query('300', 'f', 1000, 1001, 'SELECT id FROM projects WHERE code = ?');
    expect(findNPlusOne([...loop(10), other, ...loop(200)], rule)).toEqual([]);
    const call = span({ id: '301', parent: 'f', name: 'render', from: 1000, to: 1001 });
    expect(findNPlusOne([...loop(10), call, ...loop(200)], rule)).toEqual([]);
  });
});
