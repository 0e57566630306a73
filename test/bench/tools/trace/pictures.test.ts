// The three pictures of a trace are well-formed SVG with what a reader needs in them:
// the waterfall names the collapsed runs and outlines the N + 1; the wall-clock and the
// differential flame graphs say what each box weighs before and after.
import { describe, expect, it } from 'vitest';
import { differentialFlameGraphSvg, relativeChange } from '../../../../bench/tools/cpu-profile/flamegraph-diff.ts';
import { findNPlusOne } from '../../../../bench/tools/trace/n-plus-one.ts';
import { traceRules } from '../../../../bench/tools/trace/rules.ts';
import { foldWallTime } from '../../../../bench/tools/trace/wall-folded.ts';
import { wallFlameGraphSvg } from '../../../../bench/tools/trace/wall-flamegraph.ts';
import { waterfallOf } from '../../../../bench/tools/trace/waterfall.ts';
import { waterfallSvg } from '../../../../bench/tools/trace/waterfall-svg.ts';
import { xmlProblems } from '../../present/xml.ts';
import { baselineLike } from './fixture.ts';

function waterfallOfBaseline(loop: number): string {
  const spans = baselineLike(loop, 30);
  const nPlusOne = findNPlusOne(spans, traceRules.nPlusOne);
  return waterfallSvg({
    title: 'baseline <page> & more',
    subtitle: ['a subtitle long enough to need wrapping '.repeat(8)],
    waterfall: waterfallOf(spans, nPlusOne, traceRules.collapseAtLeast),
    nPlusOne: new Map(nPlusOne.flatMap((run) => run.spans.map((span) => [span.spanId, run.flagged] as const))),
    thresholdMs: traceRules.nPlusOne.minTotalMs,
  });
}

describe('waterfallSvg', () => {
  it('is well-formed, collapses the runs and outlines a raised N + 1', () => {
    const svg = waterfallOfBaseline(100);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('baseline &lt;page&gt; &amp; more');
    expect(svg).toContain('× 100 `SELECT … FROM profile_settings WHERE name = ? LIMIT ?`');
    expect(svg).toContain('× 30 `thread`');
    expect(svg).toContain('overlapping, up to 30 at once, 10.0 ms');
    expect(svg).toContain('>N + 1<');
    // Every span keeps its own line inside a band: 100 queries and 30 threads.
    expect(svg.match(/<rect [^>]*height="1.2"/g)?.length ?? 0).toBeGreaterThanOrEqual(100);
    expect(waterfallOfBaseline(100)).toBe(svg);
  });

  it('says when a loop stays under Sentry\'s threshold', () => {
    const svg = waterfallOfBaseline(20);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain("N + 1 pattern, under Sentry's 50 ms");
  });
});

describe('wall-clock and differential flame graphs', () => {
  it('draws wall time with a tooltip per box', () => {
    const svg = wallFlameGraphSvg({ title: 'wall', subtitle: 's', folded: foldWallTime(baselineLike(10, 4)) });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('>all: 40.0 ms wall time<');
    expect(svg).toContain('<title>thread\n10.0 ms, 25.0% of wall time</title>');
  });

  it('keeps what vanished visible and colours growth red, shrinkage blue', () => {
    const before = foldWallTime(baselineLike(10, 4)).stacks;
    const after = foldWallTime(baselineLike(10, 0)).stacks;
    const svg = differentialFlameGraphSvg({ title: 'd', subtitle: 's', beforeName: 'baseline', afterName: 'wave1', before, after });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('<title>thread\nbaseline 10.0 ms → wave1 0.00 ms (gone)</title>');
    expect(relativeChange(10, 0)).toBe(-1);
    expect(relativeChange(0, 4)).toBe(1);
    expect(relativeChange(8, 8)).toBe(0);
    expect(relativeChange(10, 5)).toBe(-0.5);
  });
});
