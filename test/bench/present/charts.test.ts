import { describe, expect, it } from 'vitest';
import { renderCharts } from '../../../bench/present/charts.ts';
import { summarize } from '../../../bench/present/summary.ts';
import type { Report } from '../../../bench/report/schema.ts';
import { fixtureTarget, makeReport } from '../../support/report-fixture.ts';
import { withLoadFailures, withSkippedCell } from './fixtures.ts';
import { xmlProblems } from './xml.ts';

function chartsOf(report: Report): Map<string, string> {
  return new Map(renderCharts(summarize(report)).map((chart) => [chart.file, chart.svg]));
}

describe('charts', () => {
  const charts = chartsOf(makeReport());

  it('renders the four charts as well-formed SVG', () => {
    expect([...charts.keys()]).toEqual([
      'charts/page-latency-by-target.svg',
      'charts/page-latency-by-size.svg',
      'charts/page-latency-by-injected-latency.svg',
      'charts/micro-benchmarks.svg',
    ]);
    for (const [file, svg] of charts) {
      expect(xmlProblems(svg), file).toEqual([]);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="960" height="\d+" viewBox=/);
      expect(svg).toContain('<title>');
    }
  });

  it('names every target, the units and the scale', () => {
    for (const file of ['charts/page-latency-by-target.svg', 'charts/page-latency-by-size.svg']) {
      const svg = charts.get(file) ?? '';
      for (const target of ['baseline', 'wave1-lazy', 'optimized']) expect(svg).toContain(`>${target}</text>`);
      expect(svg).toContain('log scale');
      expect(svg).toMatch(/>1 s<\/text>/);
    }
    expect(charts.get('charts/page-latency-by-injected-latency.svg')).toContain('>breaks here</text>');
  });

  it('gives the same bytes for the same report, also after a JSON round trip', () => {
    const report = makeReport({ seed: 3 });
    const again = chartsOf(JSON.parse(JSON.stringify(report)) as Report);
    expect(again).toEqual(chartsOf(report));
    expect(chartsOf(makeReport({ seed: 4 }))).not.toEqual(chartsOf(report));
  });

  it('shows why a target has no bar, and escapes text', () => {
    const cell = { target: 'wave1-lazy', gids: 1000, injectedMs: 0 };
    const report = withSkippedCell(makeReport(), cell, 'page timeout <120 s> & gave up');
    report.parameters.targets.push(fixtureTarget('a<b&c'));
    const failing = withLoadFailures(report, { target: 'optimized', gids: 1000, injectedMs: 1 }, 3);
    for (const [file, svg] of chartsOf(failing)) expect(xmlProblems(svg), file).toEqual([]);
    const byTarget = chartsOf(failing).get('charts/page-latency-by-target.svg') ?? '';
    expect(byTarget).toContain('page timeout &lt;120 s&gt; &amp; gave up');
    expect(byTarget).toContain('a&lt;b&amp;c');
  });

  it('puts n and the interval on each bar, and the fitted a + k · RTT on the sweep', () => {
    const charts = chartsOf(makeReport({ noise: 0 }));
    expect(charts.get('charts/page-latency-by-target.svg')).toContain('6.00 ms [6.00–6.00 ms] · n = 30');
    const sweep = charts.get('charts/page-latency-by-injected-latency.svg') ?? '';
    expect(sweep).toContain('>fit: a + k · RTT</text>');
    expect(sweep).toContain('stroke-dasharray="6 4"');
  });

  it('leaves out the micro-benchmark chart when none were measured', () => {
    const report = makeReport();
    const pagesOnly = { ...report, measurements: report.measurements.filter((m) => m.kind !== 'micro') };
    expect([...chartsOf(pagesOnly).keys()]).not.toContain('charts/micro-benchmarks.svg');
  });
});

describe('the well-formedness check itself', () => {
  it('catches what would break an SVG viewer', () => {
    expect(xmlProblems('<svg><g></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a & b</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg x=1/>')).not.toEqual([]);
    expect(xmlProblems('<svg a="1" a="2"/>')).not.toEqual([]);
    expect(xmlProblems('<svg/><svg/>')).not.toEqual([]);
    expect(xmlProblems('<svg a="&lt;"><text>&amp;</text></svg>\n')).toEqual([]);
  });
});
