// The converter's second half: boxes as wide as their time, and an SVG that any viewer
// can parse and that is byte-for-byte the same for the same profile.
import { describe, expect, it } from 'vitest';
import { parseCpuProfile, samplesOf } from '../../../../bench/tools/cpu-profile/cpuprofile.ts';
import { foldSamples } from '../../../../bench/tools/cpu-profile/folded.ts';
import type { Folded } from '../../../../bench/tools/cpu-profile/folded.ts';
import { layoutFlameGraph } from '../../../../bench/tools/cpu-profile/flamegraph-layout.ts';
import { flameGraphSvg } from '../../../../bench/tools/cpu-profile/flamegraph-svg.ts';
import { xmlProblems } from '../../present/xml.ts';
import { repositoryUrl, smallProfile } from './fixture.ts';

const folded = foldSamples(samplesOf(parseCpuProfile(JSON.stringify(smallProfile))), repositoryUrl);

describe('layoutFlameGraph', () => {
  it('makes each box as wide as its time, callees on top of their caller, siblings alphabetical', () => {
    // 700 µs busy on 700 units: one unit per microsecond.
    const boxes = layoutFlameGraph(folded.stacks, { rootLabel: 'all', width: 700, minWidth: 0 });
    expect(boxes.map(({ label, depth, x, width }) => [label, depth, x, width])).toEqual([
      ['all', 0, 0, 700],
      ['(program)', 1, 0, 50],
      ['main app.ts:1', 1, 50, 650],
      ['(anonymous) node:internal/timers:2', 2, 50, 100],
      ['handler lib/server.ts:10', 2, 150, 550],
      ['query mysql2/lib/query.js:5', 3, 150, 350],
    ]);
  });

  it('drops boxes narrower than minWidth, with everything they called', () => {
    const boxes = layoutFlameGraph(folded.stacks, { rootLabel: 'all', width: 7, minWidth: 1.5 });
    expect(boxes.map((box) => box.label)).toEqual(['all', 'main app.ts:1', 'handler lib/server.ts:10', 'query mysql2/lib/query.js:5']);
  });
});

describe('flameGraphSvg', () => {
  const spec = { title: 'baseline: 1000 gids', subtitle: '1 request', folded };

  it('is well-formed XML with a tooltip per box and the labels that fit', () => {
    const svg = flameGraphSvg(spec);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/<rect [^>]*rx="2"/g)?.length).toBe(6 + 4); // 6 boxes, 4 legend swatches
    expect(svg).toContain('<title>query mysql2/lib/query.js:5\n0.35 ms, 50.0% of busy time</title>');
    expect(svg).toContain('>all: 0.70 ms busy<');
  });

  it('gives the same bytes for the same profile', () => {
    const again = foldSamples(samplesOf(parseCpuProfile(JSON.stringify(smallProfile))), repositoryUrl);
    expect(flameGraphSvg({ ...spec, folded: again })).toBe(flameGraphSvg(spec));
  });

  it('escapes labels that look like markup', () => {
    const tricky: Folded = {
      stacks: new Map([['get <computed> & "x" a.ts:1', 10]]),
      kinds: new Map([['get <computed> & "x" a.ts:1', 'app']]),
      busyUs: 10,
      idleUs: 0,
    };
    const svg = flameGraphSvg({ title: 'a < b', subtitle: '"quoted"', folded: tricky });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('get &lt;computed&gt; &amp; &quot;x&quot; a.ts:1');
  });
});
