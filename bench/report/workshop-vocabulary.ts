// The placeholders docs/workshop.template.md may use, one rule per family. Each renders
// with its unit, formatted as report.md formats it (bench/report/format.ts).
//
//   <target>  baseline, thread-pool, wave1-lazy, wave2-batched, optimized
//   <size>     a gid count (1000), `ref` (the size the story is told at: the largest with
//              both baseline and optimized timed) or `sweep` (the latency sweep's project)
//   <at>       <size>, optionally @<ms> or @max: the injected latency; default the least (0)
//
//   page.<target>.<at>.p50|p99          page load, time to last byte      "37.6 s", "5.59 ms"
//   speedup.<target>.<at>               baseline p50 / target p50        "25.6×"
//   rps.<target>.<at>                   requests per second under load    "1280 req/s"
//   queries|workers|connections.<target>.<at>
//                                        per page request, counted exactly "2001"
//   project.<size>, gids.<size>          the project's code, its gid count "checkout-api", "1000"
//   micro.<task>.<gids>[@<ms>].p50|p99|mean
//                                        a micro-benchmark task, e.g. micro.settings: n+1.100.p50
//   headline.article|ours.before|after|speedup
//   waves.total                          ms saved from baseline to optimized at `ref`
//   waves.wave1|wave2.before|after|saved|share
//                                        the article's order: baseline → wave1-lazy → optimized
//   waves.<from>.<to>.before|after|saved|share
//                                        any other measured step, e.g. waves.baseline.thread-pool.share
//   floor.page|query|gids|ratio|overhead the optimized page against one raw IN query
//   sweep.latencies, sweep.max, budget   "0, 0.5, 1 and 5 ms", "5 ms", "1 s"
//   run.id|profile|date|machine|database|node|chunk-size
//   table.sizes, table.sweep             Markdown tables: page p50 by size; along the sweep
import { formatCount, formatMs, formatPercent, formatTickMs, formatTimes, significant } from './format.ts';
import type { CellSummary } from './cells.ts';
import type { WaveStep } from './story.ts';
import type { WorkshopFigures } from './workshop-figures.ts';
import { cellOf, known, latencyOf, missing, projectAt, sizeOf, sweepOf } from './workshop-figures.ts';
import { sizesTable, sweepTable } from './workshop-tables.ts';

type Groups = Readonly<Record<string, string | undefined>>;
type Rule = { readonly pattern: RegExp; readonly render: (groups: Groups, figures: WorkshopFigures) => string };

const target = '(?<target>[a-z0-9-]+)';
const size = '(?<size>\\d+|ref|sweep)';
const latency = '(?:@(?<ms>\\d+(?:\\.\\d+)?|max))?';
const at = `${size}${latency}`;
const stepField = '(?<field>before|after|saved|share)';

function rule(source: string, render: Rule['render']): Rule {
  return { pattern: new RegExp(`^${source}$`), render };
}

// The pattern guarantees the group; this only narrows the type.
function group(groups: Groups, name: string): string {
  return groups[name] ?? missing(`the part <${name}>`);
}

function cellAt(groups: Groups, figures: WorkshopFigures): { readonly cell: CellSummary; readonly where: string } {
  const gids = sizeOf(figures, group(groups, 'size'));
  const injectedMs = latencyOf(figures, groups.ms);
  const name = group(groups, 'target');
  return { cell: cellOf(figures, name, gids, injectedMs), where: `${name} at ${gids} gids, +${injectedMs} ms` };
}

// The article's two waves, named as the article names them.
const waveAliases: Readonly<Record<string, readonly [string, string]>> = {
  wave1: ['baseline', 'wave1-lazy'],
  wave2: ['wave1-lazy', 'optimized'],
};

function waveStep(figures: WorkshopFigures, from: string, to: string): WaveStep {
  const waves = figures.summary.waves ?? missing('wave attribution (baseline and optimized page loads at the reference size)');
  const steps = waves.paths.flatMap((path) => path.steps);
  return steps.find((step) => step.from === from && step.to === to) ?? missing(`the step ${from} → ${to}`);
}

function stepText(step: WaveStep, field: string): string {
  if (field === 'before') return formatMs(step.fromMs);
  if (field === 'after') return formatMs(step.toMs);
  if (field === 'saved') return formatMs(step.savedMs);
  return formatPercent(step.shareOfTotal);
}

// Injected latencies are parameters typed by a person (0.5, 5), so they print as typed.
function listOfMs(values: readonly number[]): string {
  const texts = values.map(String);
  const last = texts.pop();
  return texts.length === 0 ? `${last} ms` : `${texts.join(', ')} and ${last} ms`;
}

const rules: readonly Rule[] = [
  rule(`page\\.${target}\\.${at}\\.(?<stat>p50|p99)`, (groups, figures) => {
    const { cell, where } = cellAt(groups, figures);
    const page = cell.page ?? missing(`a page load of ${where}`);
    return formatMs(groups.stat === 'p99' ? page.p99Ms : page.p50Ms);
  }),
  rule(`speedup\\.${target}\\.${at}`, (groups, figures) => {
    const { cell, where } = cellAt(groups, figures);
    return formatTimes(known(cell.speedup, `a speedup of ${where} (needs its page load and the baseline's)`));
  }),
  rule(`rps\\.${target}\\.${at}`, (groups, figures) => {
    const { cell, where } = cellAt(groups, figures);
    return `${significant(known(cell.load?.requestsPerSecond, `a load run of ${where}`))} req/s`;
  }),
  rule(`(?<counter>queries|workers|connections)\\.${target}\\.${at}`, (groups, figures) => {
    const { cell, where } = cellAt(groups, figures);
    const work = cell.work ?? missing(`counters of ${where}`);
    const counter = group(groups, 'counter');
    const value = counter === 'queries' ? work.queries : counter === 'workers' ? work.workers : work.newConnections;
    return value === null ? missing(`${counter} of ${where}`) : formatCount(value);
  }),
  rule(`project\\.${size}`, (groups, figures) => projectAt(figures, sizeOf(figures, group(groups, 'size')))),
  rule(`gids\\.${size}`, (groups, figures) => String(sizeOf(figures, group(groups, 'size')))),
  rule(`micro\\.(?<task>[^.]+)\\.(?<gids>\\d+)${latency}\\.(?<stat>p50|p99|mean)`, (groups, figures) => {
    const task = group(groups, 'task');
    const gids = Number(group(groups, 'gids'));
    const injectedMs = latencyOf(figures, groups.ms);
    const found = figures.summary.micro.find((m) => m.task === task && m.gids === gids && m.injectedMs === injectedMs);
    const micro = found ?? missing(`the micro task '${task}' at ${gids} gids, +${injectedMs} ms`);
    return formatMs(groups.stat === 'p99' ? micro.p99Ms : groups.stat === 'mean' ? micro.meanMs : micro.p50Ms);
  }),
  rule('headline\\.(?<side>article|ours)\\.(?<field>before|after|speedup)', (groups, figures) => {
    const side = figures.summary.headline[groups.side === 'article' ? 'article' : 'ours'];
    const what = `the headline's ${groups.side} ${groups.field} (baseline and optimized page loads at the reference size)`;
    if (groups.field === 'speedup') return formatTimes(known(side.speedup, what));
    return formatMs(known(groups.field === 'before' ? side.beforeMs : side.afterMs, what));
  }),
  rule('waves\\.total', (_groups, figures) =>
    formatMs((figures.summary.waves ?? missing('wave attribution (baseline and optimized page loads)')).totalSavedMs),
  ),
  rule(`waves\\.(?<wave>wave1|wave2)\\.${stepField}`, (groups, figures) => {
    const [from, to] = waveAliases[group(groups, 'wave')] ?? missing(`the wave ${groups.wave}`);
    return stepText(waveStep(figures, from, to), group(groups, 'field'));
  }),
  rule(`waves\\.(?<from>[a-z0-9-]+)\\.(?<to>[a-z0-9-]+)\\.${stepField}`, (groups, figures) =>
    stepText(waveStep(figures, group(groups, 'from'), group(groups, 'to')), group(groups, 'field')),
  ),
  rule('floor\\.(?<field>page|query|gids|ratio|overhead)', (groups, figures) => {
    const floor = figures.summary.floor ?? missing("the floor (the optimized page and the micro task 'floor: raw IN query')");
    if (groups.field === 'page') return formatMs(floor.pageMs);
    if (groups.field === 'query') return formatMs(floor.floorMs);
    if (groups.field === 'gids') return String(floor.floorGids);
    if (groups.field === 'ratio') return formatTimes(floor.ratio);
    return formatMs(floor.overheadMs);
  }),
  // The run's latencies are the sweep's (everything else is measured at the least), but
  // only a run that timed a page at two of them has a sweep to speak of.
  rule('sweep\\.latencies', (_groups, figures) => {
    sweepOf(figures);
    return listOfMs(figures.summary.latenciesMs);
  }),
  rule('sweep\\.max', (_groups, figures) => {
    sweepOf(figures);
    return formatTickMs(latencyOf(figures, 'max'));
  }),
  rule('budget', (_groups, figures) => formatTickMs(figures.summary.budgetMs)),
  rule('run\\.(?<field>id|profile|date|machine|database|node|chunk-size)', (groups, figures) => {
    const { run, environment, parameters } = figures.report;
    if (groups.field === 'id') return run.id;
    if (groups.field === 'profile') return parameters.profile;
    if (groups.field === 'date') return run.startedAt.slice(0, 10);
    if (groups.field === 'machine') return `${environment.cpu.model}, ${environment.cpu.cores} cores`;
    if (groups.field === 'database') return environment.database.server;
    if (groups.field === 'chunk-size') return String(parameters.chunkSize);
    return `Node ${environment.node}`;
  }),
  rule('table\\.sizes', (_groups, figures) => sizesTable(figures)),
  rule('table\\.sweep', (_groups, figures) => sweepTable(figures)),
];

export type FigureRenderer = (figures: WorkshopFigures) => string;

// undefined: no rule knows the name, a typo in the template rather than a gap in the run.
export function placeholderRenderer(name: string): FigureRenderer | undefined {
  for (const { pattern, render } of rules) {
    const match = pattern.exec(name);
    if (match !== null) return (figures) => render(match.groups ?? {}, figures);
  }
  return undefined;
}
