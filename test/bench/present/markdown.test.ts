import { describe, expect, it } from 'vitest';
import { aaNoiseFloor } from '../../../bench/judge/noise-floor.ts';
import type { Measurement, Report } from '../../../bench/report/schema.ts';
import { renderMarkdown } from '../../../bench/present/markdown.ts';
import { makeReport } from '../../support/report-fixture.ts';
import { withCopiedTarget, withLoadFailures, withSkippedCell } from './fixtures.ts';

// Only the +0 ms cells, as a run without a latency sweep measures them.
function atZeroOnly(report: Report): Report {
  const measurements = report.measurements.filter((m: Measurement) => !('injectedMs' in m) || m.injectedMs === 0);
  return { ...report, parameters: { ...report.parameters, injectedLatenciesMs: [0, 1] }, measurements };
}

describe('report.md', () => {
  const markdown = renderMarkdown(makeReport({ noise: 0 }));

  it('has a title with run id, date, suite, commit and how busy the machine was', () => {
    expect(markdown.split('\n')[0]).toBe('# Settings API benchmark · run fixture-1');
    expect(markdown).toContain('2026-11-25 06:00 UTC · suite **fixture** · git `000000000000`');
    expect(markdown).toContain('Node 24.21.0 · Fixture CPU @ 2.0GHz, 2 cores');
    expect(markdown).toContain('MariaDB 10.11.11 (local)');
    expect(markdown).toContain('**Machine:** load average 0.20 when the run began, 1.90 when it ended (2 cores); in its 600 s this run used 700 CPU-seconds, everything else 6; no CPU pinning.');
    expect(markdown).not.toContain('[!WARNING]');
    const busy = renderMarkdown(makeReport({ machine: { loadBefore: 9, outsideCpuSeconds: 10 } }));
    expect(busy).toContain('> **The machine was busy while this ran:** the load average was 9.0 when the run began, above the 2 cores.');
  });

  it('gives every timed cell its n, median, interval, min and max, and no p99 from too few samples', () => {
    expect(markdown).toContain('| target | project | n | median | 95 % CI | min | max | queries/request | workers/request |');
    expect(markdown).toContain('| baseline | large-project (1000 gids) | 30 | 20.0 s | 20.0–20.0 s | 20.0 s | 20.0 s | 2001 | 1000 |');
    expect(markdown).toContain('Below 6 samples no 95 % interval exists');
  });

  it("sets each story's ratio and wave shares beside the article's headline, at every headline latency", () => {
    expect(markdown).toContain('| the article (production; gid count not given) | — | 37.6 s | 1.47 s | 25.6× | not published | not published |');
    expect(markdown).toContain('| the literal port: baseline → optimized | +0 ms | 20.0 s (n = 30) | 6.00 ms (n = 30) | 3333× [3333–3333×] | 98.5% [98.5–98.5%] | 1.5% [1.5–1.5%] |');
    expect(markdown).toContain('| the literal port: baseline → optimized | +1 ms |');
    expect(markdown).toContain('| wave 1: max CPU on demand | baseline → wave1-lazy | 20.0 s → 300 ms | 19.7 s | 66.7× [66.7–66.7×] | 98.5% [98.5–98.5%] |');
    expect(markdown).toContain('**6.00×** the floor');
  });

  it('writes a difference the data cannot tell from noise as ~, never as a speedup', () => {
    const copied = withCopiedTarget(makeReport({ noise: 0.03, seed: 3 }), 'wave2-batched', 1.0);
    const story = { id: 'literal', label: 'the literal port', before: 'baseline', wave1: 'wave1-lazy', wave2: 'wave2-batched', after: 'optimized' };
    const text = renderMarkdown({ ...copied, parameters: { ...copied.parameters, stories: [story] } });
    expect(text).toContain('**Wave 2 first**');
    expect(text).toMatch(/\| wave 2: settings in one IN query \| baseline → wave2-batched \| [^|]+ \| [^|]+ \| ~ \[0\.\d\d–1\.\d\d×\] \| ~ \[-?\d/);
  });

  it('reads k per target from the sweep, beside the counted queries, and flags a disagreement', () => {
    expect(markdown).toContain('**RTT** is the injected app↔DB round-trip time');
    expect(markdown).toContain('| wave1-lazy | 1000 [1000–1000] | 300 ms | 60 | 1001 ± 100 (1001 queries, one after another) | 1001 | 0 | agrees |');
    expect(markdown).toMatch(/\| baseline \| 2000 \[2000–2000\] \| .* \| \*\*disagrees\*\*: more round trips/);
  });

  it('writes the sampling rule from the parameters the run recorded', () => {
    const report = makeReport();
    report.parameters.pageLoad = { ...report.parameters.pageLoad, minSamples: 4, maxCellSeconds: 42 };
    const text = renderMarkdown(report);
    expect(text).toContain('Every timed cell has at least 4 samples.');
    expect(text).toContain('A cell whose 4 pages would take over 42 s is not timed');
  });

  it('embeds the charts by relative path', () => {
    expect(markdown).toContain('![Page load by target](charts/page-latency-by-target.svg)');
    expect(markdown).toContain('![Page load vs app↔DB round trip](charts/page-latency-by-injected-latency.svg)');
  });

  it('gives no rows to a latency nothing was measured at', () => {
    const text = renderMarkdown(atZeroOnly(makeReport()));
    expect(text).toContain('### +0 ms injected app↔DB latency');
    expect(text).not.toContain('### +1 ms injected app↔DB latency');
  });

  it('shows skipped cells, failing and saturated load runs plainly', () => {
    const reason = 'the 120 s page timeout ran out';
    const report = withLoadFailures(
      withSkippedCell(makeReport(), { target: 'baseline', gids: 1000, injectedMs: 1 }, reason),
      { target: 'wave1-lazy', gids: 1000, injectedMs: 1 },
      4,
    );
    const text = renderMarkdown(report);
    expect(text).toContain(`| page-load | baseline | 1000 | +1 ms | ${reason} |`);
    expect(text).toContain('| baseline | large-project (1000 gids) | — | not timed [1] | — | — | — |');
    expect(text).toContain(`[1] ${reason}`);
    expect(text).toContain('| 6 / 24 / 0 | **FAILING** |');
    expect(renderMarkdown(makeReport())).toContain('Nothing was skipped.');
  });

  it('puts the open loop beside the closed loop: offered, achieved, dropped, late, both latencies', () => {
    expect(markdown).toContain('| target | project | RTT | offered req/s | sent / due | answered | achieved req/s | dropped | late | uncorrected: median; tail | corrected: median; tail | status |');
    expect(markdown).toContain('| optimized | large-project (1000 gids) | +0 ms | 333 (50 % of 667) | 666 / 666 | 666 | 333 | 0 | 0 | 6.00 ms [6.00–6.00 ms]; p99 6.00 ms [6.00–6.00 ms] | 12.0 ms [12.0–12.0 ms]; p99 12.0 ms [12.0–12.0 ms] | ok |');
  });

  it('shows the A/A noise floor it is given, with its minimum detectable effect, and says when it has none', () => {
    expect(markdown).toContain('**Not computed for this run.**');
    const few = renderMarkdown(makeReport(), { noiseFloor: aaNoiseFloor(makeReport()) });
    expect(few).toContain('**Too few repetitions to tell a change from noise:** 3 vs 3');
    const enough = renderMarkdown(makeReport({ repetitions: 8 }), { noiseFloor: aaNoiseFloor(makeReport({ repetitions: 8 })) });
    expect(enough).toContain('| kind | can reach alpha | largest change | p < alpha by chance | false alarms | minimum detectable effect: median (largest) |');
    expect(enough).toMatch(/\| latency \| \d+ of \d+, mostly 4 vs 4 \| ±\d\.\d% \| \d+ \| 0 \| ±\d+\.\d% \(largest ±\d+\.\d%\) \|/);
    expect(enough).toMatch(/\| counter \| \d+ of \d+.* \| any \(exact\) \|/);
  });

  it('gives the exact commands to reproduce and compare, naming the folder the report is in', () => {
    expect(markdown).toContain(`git checkout ${'0'.repeat(40)}\nnode bench/run/cli.ts --suite fixture\n`);
    expect(markdown).toContain('make compare BASE=results/runs/fixture-1 NEW=results/runs/<new run id>');
    expect(renderMarkdown(makeReport(), { folder: 'results/reference' })).toContain('make compare BASE=results/reference NEW=');
    const report = makeReport();
    report.run.argv = ['--suite', 'quick', '--note', "it's late"];
    expect(renderMarkdown(report)).toContain(`node bench/run/cli.ts --suite quick --note 'it'\\''s late'`);
  });

  it('is the same text for the same report', () => {
    expect(renderMarkdown(makeReport({ noise: 0 }))).toBe(markdown);
  });
});
