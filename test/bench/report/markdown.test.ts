import { describe, expect, it } from 'vitest';
import { aaNoiseFloor } from '../../../bench/noise-floor.ts';
import { renderMarkdown } from '../../../bench/report/markdown.ts';
import { makeReport } from '../../support/report-fixture.ts';
import { withLoadFailures, withSkippedCell } from './fixtures.ts';

describe('report.md', () => {
  const markdown = renderMarkdown(makeReport({ noise: 0 }));

  it('has a title with run id, date, profile and commit', () => {
    expect(markdown.split('\n')[0]).toBe('# Settings API benchmark · run fixture-1');
    expect(markdown).toContain('2026-11-25 06:00 UTC · profile **fixture** · git `000000000000`');
    expect(markdown).toContain('Node 24.21.0 · Fixture CPU @ 2.0GHz, 2 cores');
    expect(markdown).toContain('MariaDB 10.11.11 (local)');
  });

  it('has a summary row for every target and size, with the speedup column', () => {
    expect(markdown).toContain('| target | project | page p50 | page p99 | req/s | queries/request | workers/request | speedup vs baseline |');
    for (const target of ['baseline', 'wave1-lazy', 'optimized']) {
      for (const project of ['small-project (30 gids)', 'large-project (1000 gids)']) {
        expect(markdown).toContain(`| ${target} | ${project} |`);
      }
    }
    // 1000 gids, +0 ms: 20 s / 6 ms; 2001 queries and 1000 workers per baseline request.
    expect(markdown).toContain('| baseline | large-project (1000 gids) | 20.0 s | 20.0 s | 0.200 | 2001 | 1000 | 1.0× |');
    expect(markdown).toContain('| optimized | large-project (1000 gids) | 6.00 ms | 6.00 ms | 667 | 2 | 0 | 3333.3× |');
  });

  it("sets our headline beside the article's, with the waves and the floor", () => {
    expect(markdown).toContain('| the article (production; gid count not given) | 37.6 s | 1.47 s | 25.6× |');
    expect(markdown).toContain('| 20.0 s | 6.00 ms | 3333.3× |');
    expect(markdown).toContain('| wave 1: max CPU lazy | baseline → wave1-lazy | 20.0 s → 300 ms | 19.7 s | 98.5% |');
    expect(markdown).toContain('**6.0×** the floor');
  });

  it('embeds the charts by relative path', () => {
    expect(markdown).toContain('![Page load by target](charts/page-latency-by-target.svg)');
    expect(markdown).toContain('![Page load vs app↔DB latency](charts/page-latency-by-injected-latency.svg)');
  });

  it('shows skipped cells and failing load runs plainly', () => {
    const reason = 'the 120 s page timeout ran out';
    const report = withLoadFailures(
      withSkippedCell(makeReport(), { target: 'baseline', gids: 1000, injectedMs: 1 }, reason),
      { target: 'wave1-lazy', gids: 1000, injectedMs: 1 },
      4,
    );
    const text = renderMarkdown(report);
    expect(text).toContain(`| page-load | baseline | 1000 | +1 ms | ${reason} |`);
    expect(text).toContain('| baseline | large-project (1000 gids) | skipped | skipped |');
    expect(text).toContain('**FAILING: 30 failed requests**');
    expect(renderMarkdown(makeReport())).toContain('Nothing was skipped.');
  });

  it('says so when the largest project cannot carry the headline', () => {
    let report = makeReport();
    for (const injectedMs of [0, 1]) report = withSkippedCell(report, { target: 'optimized', gids: 1000, injectedMs }, 'crashed');
    const text = renderMarkdown(report);
    expect(text).toContain('The larger large-project (1000 gids) lacks a baseline or optimized page load');
    expect(text).toContain('| this run: baseline → optimized, small-project (30 gids), +0 ms |');
  });

  it('shows the A/A noise floor it is given, and says when it has none', () => {
    expect(markdown).toContain('**Not computed for this run.**');
    const few = renderMarkdown(makeReport(), { noiseFloor: aaNoiseFloor(makeReport()) });
    expect(few).toContain('**Too few repetitions to tell a change from noise:** 3 vs 3');
    const enough = renderMarkdown(makeReport({ repetitions: 10 }), { noiseFloor: aaNoiseFloor(makeReport({ repetitions: 10 })) });
    expect(enough).toContain('| kind | metrics | largest change | p < alpha by chance | false alarms | smallest detectable change |');
    expect(enough).toMatch(/\| latency \| \d+ \| ±\d\.\d% \| 0 \| 0 \| 10\.0% \|/);
    expect(enough).toMatch(/\| counter \| \d+ \| ±0\.0% \| 0 \| 0 \| any \(exact\) \|/);
  });

  it('gives the exact commands to reproduce and compare', () => {
    expect(markdown).toContain(`git checkout ${'0'.repeat(40)}\nnode bench/cli.ts --profile fixture\n`);
    expect(markdown).toContain('make compare BASE=results/runs/fixture-1 NEW=results/runs/<new run id>');
    const report = makeReport();
    report.run.argv = ['--profile', 'quick', '--note', "it's late"];
    expect(renderMarkdown(report)).toContain(`node bench/cli.ts --profile quick --note 'it'\\''s late'`);
  });

  it('is the same text for the same report', () => {
    expect(renderMarkdown(makeReport({ noise: 0 }))).toBe(markdown);
  });
});
