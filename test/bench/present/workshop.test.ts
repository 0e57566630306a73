import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Measurement, Report } from '../../../bench/report/schema.ts';
import { formatMs, formatPercent } from '../../../bench/present/format.ts';
import { isKnownPlaceholder, placeholdersOf, render } from '../../../bench/present/workshop.ts';
import { renderReadme, renderWorkshop, workshopFiles } from '../../../bench/present/workshop-files.ts';
import { parseFolded } from '../../../bench/present/workshop-profiles.ts';
import { makeReport } from '../../support/report-fixture.ts';
import { withCopiedTarget, withSkippedCell } from './fixtures.ts';

// The fixture's cost formulas (test/support/report-fixture.ts), exact with noise 0:
// baseline 20·gids + 2·gids·rtt, wave1-lazy 0.3·gids + gids·rtt, optimized 2 + 0.004·gids + 3·rtt.
const exact = makeReport({ noise: 0 });

function figure(name: string, report: Report = exact): string {
  return render(`{{${name}}}`, report);
}

// The fixture's micro task 'settings: batched' under another name, for tasks it lacks,
// at its gid counts and at 1000 (the guide quotes the headline's size).
function withMicroTask(report: Report, task: string): Report {
  const copies = report.measurements.flatMap((m): Measurement[] =>
    m.kind === 'micro' && m.task === 'settings: batched' ? [{ ...m, task }, ...(m.gids === 100 ? [{ ...m, task, gids: 1000 }] : [])] : [],
  );
  return { ...report, measurements: [...report.measurements, ...copies] };
}

// Every target and micro task the real template names, so it can render without a run.
function completeReport(): Report {
  const copied: readonly [string, number][] = [
    ['thread-pool', 0.5], ['wave2-batched', 0.9], ['async-per-gid', 0.05],
    ['flask-before', 0.02], ['flask-wave1', 0.004], ['flask-after', 0.0004],
  ];
  const copies = copied.reduce((report, [name, factor]) => withCopiedTarget(report, name, factor), exact);
  const idiomatic = { id: 'idiomatic', label: 'the idiomatic port', before: 'async-per-gid', wave1: 'wave1-lazy', wave2: null, after: 'optimized' };
  const flask = { id: 'flask', label: "the article's stack", before: 'flask-before', wave1: 'flask-wave1', wave2: null, after: 'flask-after' };
  const targets = { ...copies, parameters: { ...copies.parameters, stories: [...copies.parameters.stories, idiomatic, flask] } };
  return ['max-cpu: thread per gid', 'max-cpu: thread pool', 'max-cpu: grouped query'].reduce(withMicroTask, targets);
}

describe('workshop placeholders', () => {
  it('quote the page loads with their n, the ratios with their intervals, and the counters of a cell', () => {
    expect(figure('page.baseline.1000')).toBe('20.0 s (n = 30)');
    expect(figure('page.baseline.1000.median')).toBe('20.0 s');
    expect(figure('page.baseline.1000.n')).toBe('30');
    expect(figure('page.optimized.1000.ci')).toBe('6.00–6.00 ms');
    expect(figure('page.wave1-lazy.30@1.median')).toBe(formatMs(0.3 * 30 + 30));
    expect(figure('speedup.optimized.1000')).toBe('3333× [3333–3333×]');
    expect(figure('faster.baseline.optimized.1000')).toBe('3333× faster');
    expect(figure('faster.optimized.baseline.1000')).toBe('3333× slower');
    expect(figure('rps.wave1-lazy.30')).toBe('444 req/s [444–444]');
    expect(figure('queries.baseline.1000')).toBe('2001');
    expect(figure('workers.baseline.1000')).toBe('1000');
    expect(figure('connections.optimized.1000')).toBe('0');
  });

  it('write a ratio inside the noise as ~, in symbols and in words', () => {
    const same = withCopiedTarget(makeReport({ noise: 0.03, seed: 5 }), 'wave2-batched', 1.0);
    expect(figure('ratio.baseline.wave2-batched.1000', same)).toMatch(/^~ \[0\.\d\d–1\.\d\d×\]$/);
    expect(figure('faster.baseline.wave2-batched.1000', same)).toBe('no significant difference');
  });

  it('resolve the size and latency aliases from the run', () => {
    // ref: the headline's size; sweep: the sweep's; max: the largest latency; rtt: the
    // headline's realistic round trip.
    expect(render('{{gids.ref}} {{project.ref}} {{gids.sweep}} {{sweep.max}} {{sweep.latencies}}', exact)).toBe(
      '1000 large-project 1000 1 ms 0 and 1 ms',
    );
    expect(figure('page.wave1-lazy.ref@max.median')).toBe(formatMs(0.3 * 1000 + 1000));
    expect(figure('page.wave1-lazy.ref@rtt.median')).toBe(formatMs(0.3 * 1000 + 1000));
    expect(figure('queries.optimized.sweep')).toBe('2');
  });

  it('quote k, the round trips on the critical path, and whether the counters agree', () => {
    expect(figure('k.wave1-lazy')).toBe('1000 [1000–1000]');
    expect(figure('k-expected.wave1-lazy')).toBe('1001');
    expect(figure('k-check.wave1-lazy')).toBe('agrees');
    expect(figure('k-check.baseline')).toMatch(/^disagrees: more round trips/);
  });

  it('quote the story: headline, waves, floor, micro-benchmarks, run', () => {
    const total = 20_000 - 6;
    expect(figure('headline.article.before')).toBe('37.6 s');
    expect(figure('headline.literal.ratio')).toBe('3333× [3333–3333×]');
    expect(figure('headline.literal@rtt.after')).toBe('9.00 ms (n = 30)');
    expect(figure('headline.literal.wave1')).toBe('98.5% [98.5–98.5%]');
    expect(figure('waves.literal.total')).toBe(formatMs(total));
    expect(figure('waves.literal.wave1.share')).toBe(`${formatPercent((20_000 - 300) / total)} [98.5–98.5%]`);
    expect(figure('waves.literal.wave2.saved')).toBe('294 ms');
    expect(figure('waves.literal.wave2.before')).toBe('300 ms (n = 30)');
    // The floor task is measured at 10 and 100 gids; 100 is the nearest to 1000.
    expect(render('{{floor.gids}} {{floor.query}} {{floor.ratio}} {{floor.overhead}}', exact)).toBe('100 1.00 ms 6.00× 5.00 ms');
    expect(figure('micro.settings: n+1.100.median')).toBe('30.0 ms');
    expect(render('{{budget}} {{run.id}} {{run.suite}} {{run.chunk-size}}', exact)).toBe('1 s fixture-1 fixture 1000');
  });

  it('render the tables, gaps included', () => {
    const sizes = figure('table.sizes', withSkippedCell(exact, { target: 'baseline', gids: 1000, injectedMs: 0 }, 'too slow'));
    expect(sizes).toContain('| target | 30 gids | 1000 gids |');
    expect(sizes).toContain('| baseline | 600 ms (n = 30) | not timed |');
    expect(sizes).toContain('| optimized | 2.12 ms (n = 30) | 6.00 ms (n = 30) |');
    const sweep = figure('table.sweep');
    expect(sweep).toContain('| target | +0 ms | +1 ms | k [95 % CI] | queries/request | k agrees | breaks at |');
    expect(sweep).toContain('| wave1-lazy | 300 ms (n = 30) | 1.30 s (n = 30) | 1000 [1000–1000] | 1001 | yes | +1 ms |');
    expect(sweep).toContain('| optimized | 6.00 ms (n = 30) | 9.00 ms (n = 30) | 3.00 [3.00–3.00] | 2 | yes | never |');
    expect(figure('table.headline')).toContain('| the literal port: baseline → optimized | +1 ms | 22.0 s (n = 30) | 9.00 ms (n = 30) |');
  });

  it('throw on an unknown placeholder, naming it and its line', () => {
    expect(() => render('ok\n{{page.baseline.1000.p95}}', exact)).toThrow('unknown placeholder {{page.baseline.1000.p95}} (template line 2)');
    expect(() => figure('waves.literal.wave3.share')).toThrow(/unknown placeholder \{\{waves\.literal\.wave3\.share\}\}/);
    expect(() => render('{{page.baseline.1000', exact)).toThrow('line 1: unmatched "{{"');
  });

  it('throw on a figure the run does not have, never rendering undefined or NaN', () => {
    const skipped = withSkippedCell(exact, { target: 'baseline', gids: 1000, injectedMs: 0 }, 'too slow');
    const cases: readonly (readonly [string, Report])[] = [
      ['page.thread-pool.1000', exact],
      ['page.baseline.300', exact],
      ['page.baseline.1000@5', exact],
      ['micro.max-cpu: thread pool.10.median', exact],
      ['headline.flask.ratio', exact],
      ['k.thread-pool', exact],
      ['speedup.optimized.1000', skipped],
      ['rps.baseline.1000', skipped],
      ['page.baseline.1000', skipped],
      ['headline.literal.before', skipped],
      ['waves.literal.wave1.share', skipped],
    ];
    for (const [name, report] of cases) {
      expect(() => figure(name, report), name).toThrow(`{{${name}}} (template line 1): not in this run`);
    }
  });
});

// The flame graphs the guide quotes (make profile's folded stacks), one small one each.
const foldedText = 'main;getMaxCpus;startMaxCpuThread 60\nmain;getGroupProfileSettings;query 30\nmain;json 10\n';
const profiled = ['baseline', 'wave1-lazy', 'optimized'];
const profiles = new Map(profiled.map((name) => [name, parseFolded(foldedText)]));

describe('docs/workshop.template.md', () => {
  const template = readFileSync(workshopFiles.template, 'utf8');

  it('uses only placeholders of the vocabulary', () => {
    const unknown = placeholdersOf(template).filter(({ name }) => !isKnownPlaceholder(name));
    expect(unknown).toEqual([]);
  });

  it('renders against a run with every target and micro task, leaving no placeholder behind', () => {
    const doc = render(template, completeReport(), profiles);
    expect(doc).not.toMatch(/\{\{|\}\}|\bNaN\b|\bundefined\b/);
    expect(doc).toContain('**20.0 s (n = 30)**');
  });
});

describe('docs/workshop.md and README.md', () => {
  const hasReference = existsSync(join(workshopFiles.reference, 'report.json'));
  const title = hasReference
    ? 'is what results/reference renders (else run: make workshop)'
    : 'is what results/reference renders: SKIPPED, results/reference does not exist yet';
  it.skipIf(!hasReference)(title, async () => {
    const committed = existsSync(workshopFiles.doc) ? readFileSync(workshopFiles.doc, 'utf8') : '(docs/workshop.md is missing)';
    expect(committed).toBe(await renderWorkshop(workshopFiles.reference));
  });
  it.skipIf(!hasReference)('README.md quotes what results/reference renders (else run: make workshop)', async () => {
    expect(readFileSync(workshopFiles.readme, 'utf8')).toBe(await renderReadme(workshopFiles.reference));
  });
});

describe('workshop-cli', () => {
  const repo = fileURLToPath(new URL('../../..', import.meta.url));
  const scratch = mkdtempSync(join(tmpdir(), 'workshop-cli-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const cli = (...args: string[]) => spawnSync(process.execPath, ['bench/present/workshop-cli.ts', ...args], { cwd: repo, encoding: 'utf8' });

  // --check writes nothing, so the committed doc is safe: a fixture never renders it.
  it('--check exits 1 when docs/workshop.md is not what the run renders', () => {
    const report = completeReport();
    writeFileSync(join(scratch, 'report.json'), JSON.stringify(report));
    mkdirSync(join(scratch, 'profiles'), { recursive: true });
    for (const name of profiled) writeFileSync(join(scratch, 'profiles', `${name}-${report.parameters.headline.gids}gids.folded`), foldedText);
    const result = cli('--check', '--reference', scratch);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^docs\/workshop\.md is out of date with .*: run make workshop/);
  });

  it('exits 2 with one line when the run cannot be read', () => {
    const result = cli('--check', '--reference', join(scratch, 'no-such-run'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cannot render docs\/workshop\.md: .*no-such-run/);
  });
});
