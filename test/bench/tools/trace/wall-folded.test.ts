// Wall time folded from spans: each instant goes to what was running then, split evenly
// between spans running at once, so the stacks add up to the trace's wall time.
import { describe, expect, it } from 'vitest';
import { foldWallTime } from '../../../../bench/tools/trace/wall-folded.ts';
import { baselineLike, span } from './fixture.ts';

describe('foldWallTime', () => {
  it('puts waiting under the function that waits, and adds up to the wall time', () => {
    const folded = foldWallTime(baselineLike(10, 4));
    const lookup = 'GET /api/projects/:code/settings;getGroupProfileSettings;SELECT … FROM profile_settings WHERE name = ? LIMIT ?';
    expect(folded.wallUs).toBeCloseTo(40_000, 6);
    expect([...folded.stacks.values()].reduce((sum, us) => sum + us, 0)).toBeCloseTo(40_000, 6);
    // Ten queries of 0.8 ms, and the 0.2 ms gaps between them in the loop itself.
    expect(folded.stacks.get(lookup)).toBeCloseTo(8000, 6);
    expect(folded.stacks.get('GET /api/projects/:code/settings;getGroupProfileSettings')).toBeCloseTo(2000, 6);
    // Four threads side by side for 10 ms: 10 ms in all, not 40.
    expect(folded.stacks.get('GET /api/projects/:code/settings;getMaxCpus;thread')).toBeCloseTo(10_000, 6);
    expect(folded.stacks.get('GET /api/projects/:code/settings;getMaxCpus')).toBeCloseTo(5000, 6);
    expect(folded.roles.get('thread')).toBe('thread');
  });

  it('keeps a span whose parent is missing as a root of its own', () => {
    const orphan = span({ id: '9', parent: 'gone', name: 'late', from: 0, to: 2 });
    const folded = foldWallTime([orphan]);
    expect([...folded.stacks]).toEqual([['late', 2000]]);
  });
});
