// The converter's first half on a profile worked out by hand (see fixture.ts): which
// stacks, how many microseconds each, what is idle, and what the hot spots are.
import { describe, expect, it } from 'vitest';
import { parseCpuProfile, samplesOf } from '../../../../bench/tools/cpu-profile/cpuprofile.ts';
import { foldedText, foldSamples, topSelfTime } from '../../../../bench/tools/cpu-profile/folded.ts';
import { labelFrame } from '../../../../bench/tools/cpu-profile/frame-label.ts';
import { expectedFolded, repositoryUrl, smallProfile } from './fixture.ts';

const profile = parseCpuProfile(JSON.stringify(smallProfile));

describe('samplesOf', () => {
  it('weights each sample by the time until the next one, the last until endTime', () => {
    expect(samplesOf(profile).map((sample) => sample.us)).toEqual([100, 100, 200, 50, 300, 100, 150]);
    expect(samplesOf(profile).map((sample) => sample.atUs)).toEqual([1010, 1110, 1210, 1410, 1460, 1760, 1860]);
  });

  it('keeps only the samples taken inside a window', () => {
    const inside = samplesOf(profile, { fromUs: 1110, toUs: 1460 });
    expect(inside.map((sample) => sample.atUs)).toEqual([1110, 1210, 1410]);
  });

  it('drops the synthetic (root) frame from every stack', () => {
    expect(samplesOf(profile)[0]?.stack.map((frame) => frame.functionName)).toEqual(['main', 'handler', 'query']);
  });
});

describe('parseCpuProfile', () => {
  it('rejects a truncated file and one whose arrays disagree', () => {
    expect(() => parseCpuProfile('{"nodes":[')).toThrow();
    expect(() => parseCpuProfile(JSON.stringify({ ...smallProfile, timeDeltas: [1] }))).toThrow(/timeDeltas/);
    expect(() => parseCpuProfile(JSON.stringify({ ...smallProfile, nodes: [] }))).toThrow(/not a .cpuprofile/);
  });
});

describe('foldSamples', () => {
  it('gives the known folded stacks, sorted, idle left out and counted apart', () => {
    const folded = foldSamples(samplesOf(profile), repositoryUrl);
    expect(foldedText(folded)).toBe(expectedFolded);
    expect(folded.busyUs).toBe(700);
    expect(folded.idleUs).toBe(300);
  });

  it('folds only the window', () => {
    const folded = foldSamples(samplesOf(profile, { fromUs: 1110, toUs: 1460 }), repositoryUrl);
    expect(foldedText(folded)).toBe([
      '(program) 50',
      'main app.ts:1;handler lib/server.ts:10 200',
      'main app.ts:1;handler lib/server.ts:10;query mysql2/lib/query.js:5 100',
      '',
    ].join('\n'));
  });
});

describe('topSelfTime', () => {
  it('ranks the leaves of the stacks by time, with their share of busy time', () => {
    const spots = topSelfTime(foldSamples(samplesOf(profile), repositoryUrl), 3);
    expect(spots).toEqual([
      { label: 'query mysql2/lib/query.js:5', kind: 'dependency', selfUs: 350, share: 0.5 },
      { label: 'handler lib/server.ts:10', kind: 'app', selfUs: 200, share: 200 / 700 },
      { label: '(anonymous) node:internal/timers:2', kind: 'node', selfUs: 100, share: 100 / 700 },
    ]);
  });
});

describe('labelFrame', () => {
  const frame = { functionName: 'f', scriptId: '1', lineNumber: 4, columnNumber: 2 };

  it('names a place relative to the repository or node_modules, never by absolute path', () => {
    expect(labelFrame({ ...frame, url: 'file:///repo/baseline/max-cpus.ts' }, repositoryUrl))
      .toEqual({ text: 'f baseline/max-cpus.ts:5', kind: 'app' });
    expect(labelFrame({ ...frame, url: 'file:///repo/node_modules/.pnpm/x/node_modules/fastify/fastify.js' }, repositoryUrl))
      .toEqual({ text: 'f fastify/fastify.js:5', kind: 'dependency' });
    expect(labelFrame({ ...frame, url: 'file:///elsewhere/tool.js' }, repositoryUrl).text).toBe('f tool.js:5');
  });

  it('keeps what folded stacks cannot hold out of a label', () => {
    expect(labelFrame({ ...frame, functionName: 'a;b\nc', url: '' }, repositoryUrl)).toEqual({ text: 'a,b c', kind: 'engine' });
  });
});
