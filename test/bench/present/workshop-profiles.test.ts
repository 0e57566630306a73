import { describe, expect, it } from 'vitest';
import { parseFolded, shareUnder } from '../../../bench/present/workshop-profiles.ts';

const folded = [
  '(program) 400',
  'main lib/serve.ts:1;getMaxCpus baseline/max-cpus.ts:9;startMaxCpuThread baseline/max-cpus.ts:20 500',
  'main lib/serve.ts:1;getGroupProfileSettings baseline/profile-settings.ts:14;query mysql2:3 90',
  'main lib/serve.ts:1;getGroupProfileSettingsCached x.ts:1 10',
].join('\n');

describe('the workshop\'s flame-graph figures', () => {
  it('share a function\'s stacks, self and below, of all sampled time', () => {
    const stacks = parseFolded(folded);
    expect(shareUnder(stacks, 'startMaxCpuThread')).toBeCloseTo(0.5);
    // A frame is the function's name then its file: a longer name is another function.
    expect(shareUnder(stacks, 'getGroupProfileSettings')).toBeCloseTo(0.09);
    expect(shareUnder(stacks, 'notThere')).toBe(0);
  });

  it('refuses what is not a folded line, and an empty profile', () => {
    expect(() => parseFolded('main;x 12abc')).toThrow('not a folded line');
    expect(() => shareUnder(parseFolded(''), 'main')).toThrow('no samples');
  });
});
