import { describe, expect, it } from 'vitest';
import { pairName, twinsOf } from '../../../bench/run/run-state.ts';
import { builtInTargets } from '../../../bench/run/targets.ts';
import { atRevision } from '../../../bench/run/targets.ts';

describe('twins from two revisions', () => {
  const optimized = builtInTargets.find((target) => target.name === 'optimized');
  if (optimized === undefined) throw new Error('no optimized target');
  const twin = atRevision(optimized, { ref: 'main', sha: 'a'.repeat(40), label: 'aaaaaaa', root: '/tmp/elsewhere' });
  if (twin === undefined) throw new Error('no twin');
  const state = { targets: [twin, optimized, ...builtInTargets.filter((target) => target.name === 'baseline')] };

  it('are named <name>@<sha>, run from the other checkout with the same Node', () => {
    expect(twin).toMatchObject({ name: 'optimized@aaaaaaa', revision: { ref: 'main', of: 'optimized' }, command: { cwd: '/tmp/elsewhere', command: process.execPath } });
  });

  it('share one name for the decisions timing drives', () => {
    expect(pairName(state, 'optimized@aaaaaaa')).toBe('optimized');
    expect(twinsOf(state, 'optimized')).toEqual(['optimized@aaaaaaa', 'optimized']);
    expect(twinsOf(state, 'baseline')).toEqual(['baseline']);
  });
});
