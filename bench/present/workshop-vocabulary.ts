// The placeholders docs/workshop.template.md may use, one rule per family. Each renders
// as report.md writes the figure (bench/present/verdicts.ts): with its sample size or its
// interval, and `~` where the interval cannot tell a difference from none, so the
// workshop cannot ask anyone to explain noise.
//
//   <target>  a measured target (baseline, wave1-lazy, optimized, flask-before, …)
//   <story>   a measured story: flask, literal, idiomatic (bench/run/stories.ts)
//   <size>    a gid count (1000), `ref` (the headline's size) or `sweep` (the sweep's)
//   <at>      <size>, optionally @<ms>, @max or @rtt (the headline's realistic round trip):
//             the injected RTT; default the least (0)
//
//   page.<target>.<at>                  median with n                      "1.23 s (n = 3)"
//   page.<target>.<at>.median|ci|max|n  one figure of it                  "1.23 s", "1.19–1.31 s", "3"
//   ratio.<a>.<b>.<at>                  a / b with its interval or ~      "25.6× [24.1–27.3×]", "~ [0.81–1.10×]"
//   faster.<a>.<b>.<at>                 b against a, in words              "25.6× faster", "no significant difference"
//   speedup.<target>.<at>               ratio.baseline.<target>.<at>
//   rps.<target>.<at>                   closed-loop req/s, median [CI]    "1280 req/s [1250–1310]"
//   queries|workers|connections.<target>.<at>
//                                        per page request, counted exactly "2001"
//   k.<target>                          round trips on the critical path  "31.2 [30.9–31.6]"
//   k-expected.<target>, k-check.<target>
//                                        k from the counters; "agrees" or "disagrees: …"
//   project.<size>, gids.<size>          the project's code, its gid count "checkout-api", "1000"
//   micro.<task>.<gids>[@<ms>].median|max|n
//   headline.article.before|after|speedup
//   headline.<story>[@<ms>|@rtt].before|after|ratio|wave1|wave2
//   waves.<story>[@<ms>].total           ms saved before → after at the headline size
//   waves.<story>[@<ms>].wave1|wave2.before|after|saved|share|speedup   the article's order
//   floor.page|query|gids|ratio|overhead the optimized page against one raw IN query
//   sweep.latencies, sweep.max, budget   "0, 0.5, 2 and 5 ms", "5 ms", "1 s"
//   cpu.<target>.share:<function>       share of the reference flame graph's CPU time under
//                                        the function (results/reference/profiles)  "48.5 %"
//   run.id|suite|date|machine|database|node|chunk-size|max-gids
//   table.headline, table.sizes, table.sweep
import { formatCount, formatMs, formatTickMs, formatTimes, significant } from './format.ts';
import type { CellSummary } from './cells.ts';
import type { HeadlineRow } from './headline.ts';
import { speedup } from './ratios.ts';
import type { StoryWaves, WaveStep } from './story.ts';
import { medianIntervalText, medianText, ratioText, shareText, speedupWords } from './verdicts.ts';
import type { WorkshopFigures } from './workshop-figures.ts';
import { cellOf, known, latencyOf, missing, projectAt, sizeOf, sweepOf } from './workshop-figures.ts';
import { shareUnder } from './workshop-profiles.ts';
import { headlineTable, sizesTable, sweepTable } from './workshop-tables.ts';

// Three significant digits, so a thin tower reads as thin, not as none: "48.5 %", "0.0088 %".
function sharePercent(share: number): string {
  return `${significant(share * 100)} %`;
}

type Groups = Readonly<Record<string, string | undefined>>;
type Rule = { readonly pattern: RegExp; readonly render: (groups: Groups, figures: WorkshopFigures) => string };

const target = '(?<target>[a-z0-9-]+)';
const size = '(?<size>\\d+|ref|sweep)';
const latency = '(?:@(?<ms>\\d+(?:\\.\\d+)?|max|rtt))?';
const at = `${size}${latency}`;
const story = '(?<story>[a-z0-9-]+)';

function rule(source: string, render: Rule['render']): Rule {
  return { pattern: new RegExp(`^${source}$`), render };
}

// The pattern guarantees the group; this only narrows the type.
function group(groups: Groups, name: string): string {
  return groups[name] ?? missing(`the part <${name}>`);
}

function cellAt(groups: Groups, figures: WorkshopFigures, name = group(groups, 'target')): { readonly cell: CellSummary; readonly where: string } {
  const gids = sizeOf(figures, group(groups, 'size'));
  const injectedMs = latencyOf(figures, groups.ms);
  return { cell: cellOf(figures, name, gids, injectedMs), where: `${name} at ${gids} gids, +${injectedMs} ms` };
}

function pageAt(groups: Groups, figures: WorkshopFigures, name?: string) {
  const { cell, where } = cellAt(groups, figures, name);
  return cell.page ?? missing(`a page load of ${where}`);
}

function ratioOf(groups: Groups, figures: WorkshopFigures, before: string, after: string) {
  return speedup(pageAt(groups, figures, before), pageAt(groups, figures, after));
}

function headlineRow(figures: WorkshopFigures, groups: Groups): HeadlineRow {
  const id = group(groups, 'story');
  const injectedMs = latencyOf(figures, groups.ms);
  const row = figures.summary.headline.rows.find((r) => r.story.id === id && r.injectedMs === injectedMs);
  return row ?? missing(`the story ${id} at +${injectedMs} ms (headline latencies: ${figures.report.parameters.headline.latenciesMs.join(', ')} ms)`);
}

function storyWaves(figures: WorkshopFigures, groups: Groups): StoryWaves {
  const id = group(groups, 'story');
  const injectedMs = latencyOf(figures, groups.ms);
  const waves = figures.summary.waves.find((w) => w.story.id === id && w.at.injectedMs === injectedMs);
  return waves ?? missing(`wave attribution of the story ${id} at +${injectedMs} ms`);
}

function articleOrder(waves: StoryWaves): readonly [WaveStep, WaveStep] {
  const path = waves.paths[0];
  return path?.steps ?? missing(`page loads of ${waves.story.before}, ${waves.story.wave1} and ${waves.story.after} at ${waves.at.gids} gids, +${waves.at.injectedMs} ms`);
}

function stepText(step: WaveStep, field: string): string {
  if (field === 'before') return medianText(step.fromPage);
  if (field === 'after') return medianText(step.toPage);
  if (field === 'saved') return formatMs(step.savedMs);
  if (field === 'speedup') return ratioText(step.speedup);
  return shareText(step.share);
}

// Injected latencies are parameters typed by a person (0.5, 5), so they print as typed.
function listOfMs(values: readonly number[]): string {
  const texts = values.map(String);
  const last = texts.pop();
  return texts.length === 0 ? `${last} ms` : `${texts.join(', ')} and ${last} ms`;
}

function roundTripsOf(figures: WorkshopFigures, name: string) {
  sweepOf(figures);
  const trips = figures.summary.roundTrips.find((t) => t.target === name) ?? missing(`the target ${name}`);
  return trips.fit === null ? missing(`k of ${name}: ${trips.why ?? 'no fit'}`) : trips;
}

const rules: readonly Rule[] = [
  rule(`page\\.${target}\\.${at}`, (groups, figures) => medianText(pageAt(groups, figures))),
  rule(`page\\.${target}\\.${at}\\.(?<stat>median|ci|max|n)`, (groups, figures) => {
    const page = pageAt(groups, figures);
    if (groups.stat === 'ci') return medianIntervalText(page);
    if (groups.stat === 'max') return formatMs(page.max);
    if (groups.stat === 'n') return String(page.n);
    return formatMs(page.median);
  }),
  rule(`ratio\\.(?<a>[a-z0-9-]+)\\.(?<b>[a-z0-9-]+)\\.${at}`, (groups, figures) => ratioText(ratioOf(groups, figures, group(groups, 'a'), group(groups, 'b')))),
  rule(`faster\\.(?<a>[a-z0-9-]+)\\.(?<b>[a-z0-9-]+)\\.${at}`, (groups, figures) => speedupWords(ratioOf(groups, figures, group(groups, 'a'), group(groups, 'b')))),
  rule(`speedup\\.${target}\\.${at}`, (groups, figures) => ratioText(ratioOf(groups, figures, 'baseline', group(groups, 'target')))),
  rule(`rps\\.${target}\\.${at}`, (groups, figures) => {
    const { cell, where } = cellAt(groups, figures);
    const rate = (cell.load ?? missing(`a load run of ${where}`)).requestsPerSecond;
    const interval = rate.interval.kind === 'interval' ? ` [${significant(rate.interval.low)}–${significant(rate.interval.high)}]` : '';
    return `${significant(rate.median)} req/s${interval}`;
  }),
  rule(`(?<counter>queries|workers|connections)\\.${target}\\.${at}`, (groups, figures) => {
    const { cell, where } = cellAt(groups, figures);
    const work = cell.work ?? missing(`counters of ${where}`);
    const counter = group(groups, 'counter');
    const value = counter === 'queries' ? work.queries : counter === 'workers' ? work.workers : work.newConnections;
    return value === null ? missing(`${counter} of ${where}`) : formatCount(value);
  }),
  rule(`k\\.${target}`, (groups, figures) => {
    const fit = roundTripsOf(figures, group(groups, 'target')).fit;
    if (fit === null) return missing('k');
    return fit.low === null || fit.high === null ? `${significant(fit.slope)} (no interval)` : `${significant(fit.slope)} [${significant(fit.low)}–${significant(fit.high)}]`;
  }),
  rule(`k-expected\\.${target}`, (groups, figures) => formatCount(known(roundTripsOf(figures, group(groups, 'target')).expected?.value, 'counters at the sweep size'))),
  rule(`k-check\\.${target}`, (groups, figures) => {
    const trips = roundTripsOf(figures, group(groups, 'target'));
    if (trips.agrees === null) return 'cannot tell (k has no interval)';
    return trips.agrees ? 'agrees' : `disagrees: ${trips.disagreement ?? ''}`;
  }),
  rule(`project\\.${size}`, (groups, figures) => projectAt(figures, sizeOf(figures, group(groups, 'size')))),
  rule(`gids\\.${size}`, (groups, figures) => String(sizeOf(figures, group(groups, 'size')))),
  rule(`micro\\.(?<task>[^.]+)\\.(?<gids>\\d+)${latency}\\.(?<stat>median|max|n)`, (groups, figures) => {
    const task = group(groups, 'task');
    const gids = Number(group(groups, 'gids'));
    const injectedMs = latencyOf(figures, groups.ms);
    const found = figures.summary.micro.find((m) => m.task === task && m.gids === gids && m.injectedMs === injectedMs);
    const micro = found ?? missing(`the micro task '${task}' at ${gids} gids, +${injectedMs} ms`);
    if (groups.stat === 'n') return String(micro.figures.n);
    return formatMs(groups.stat === 'max' ? micro.figures.max : micro.figures.median);
  }),
  rule('headline\\.article\\.(?<field>before|after|speedup)', (groups, figures) => {
    const article = figures.summary.headline.article;
    if (groups.field === 'speedup') return formatTimes(article.speedup);
    return formatMs(groups.field === 'before' ? article.beforeMs : article.afterMs);
  }),
  rule(`headline\\.${story}${latency}\\.(?<field>before|after|ratio|wave1|wave2)`, (groups, figures) => {
    const row = headlineRow(figures, groups);
    const where = `the story ${row.story.id} at +${row.injectedMs} ms`;
    if (groups.field === 'before' || groups.field === 'after') {
      const side = row[groups.field];
      return side.page === null ? missing(`${side.target} in ${where}: ${side.why ?? ''}`) : medianText(side.page);
    }
    if (groups.field === 'ratio') return ratioText(row.ratio ?? missing(`before and after of ${where}`));
    const shares = row.shares ?? missing(`before, wave 1 and after of ${where}`);
    return shareText(groups.field === 'wave1' ? shares.first : shares.second);
  }),
  rule(`waves\\.${story}${latency}\\.total`, (groups, figures) => {
    const [first, second] = articleOrder(storyWaves(figures, groups));
    return formatMs(first.savedMs + second.savedMs);
  }),
  rule(`waves\\.${story}${latency}\\.(?<wave>wave1|wave2)\\.(?<field>before|after|saved|share|speedup)`, (groups, figures) => {
    const [first, second] = articleOrder(storyWaves(figures, groups));
    return stepText(groups.wave === 'wave1' ? first : second, group(groups, 'field'));
  }),
  rule('floor\\.(?<field>page|query|gids|ratio|overhead)', (groups, figures) => {
    const floor = figures.summary.floor ?? missing("the floor (the optimized page and the micro task 'floor: raw IN query')");
    if (groups.field === 'page') return medianText(floor.page);
    if (groups.field === 'query') return formatMs(floor.floorMs);
    if (groups.field === 'gids') return String(floor.floorGids);
    if (groups.field === 'ratio') return formatTimes(floor.ratio);
    return formatMs(floor.overheadMs);
  }),
  rule('sweep\\.latencies', (_groups, figures) => {
    const sweep = sweepOf(figures);
    const timed = figures.summary.cells.filter((c) => c.gids === sweep.gids && c.page !== null).map((c) => c.injectedMs);
    return listOfMs([...new Set(timed)].sort((a, b) => a - b));
  }),
  rule('sweep\\.max', (_groups, figures) => {
    sweepOf(figures);
    return formatTickMs(latencyOf(figures, 'max'));
  }),
  rule('budget', (_groups, figures) => formatTickMs(figures.summary.budgetMs)),
  rule(`cpu\\.${target}\\.share:(?<fn>[\\w.$<>]+)`, (groups, figures) => {
    const name = group(groups, 'target');
    const stacks = figures.profiles.get(name) ?? missing(`a CPU flame graph of ${name} (make profile VARIANT=${name} ARGS='--out results/reference/profiles')`);
    return sharePercent(shareUnder(stacks, group(groups, 'fn')));
  }),
  rule('run\\.(?<field>id|suite|date|machine|database|node|chunk-size|max-gids)', (groups, figures) => {
    const { run, environment, parameters } = figures.report;
    if (groups.field === 'id') return run.id;
    if (groups.field === 'suite') return parameters.suite;
    if (groups.field === 'date') return run.startedAt.slice(0, 10);
    if (groups.field === 'machine') return `${environment.cpu.model}, ${environment.cpu.cores} cores`;
    if (groups.field === 'database') return environment.database.server;
    if (groups.field === 'chunk-size') return String(parameters.chunkSize);
    if (groups.field === 'max-gids') return String(parameters.maxGidsPerRequest);
    return `Node ${environment.node}`;
  }),
  rule('table\\.headline', (_groups, figures) => headlineTable(figures)),
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
