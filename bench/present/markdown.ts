// report.md: what a person reads after a run, rendered from report.json alone (never
// edited by hand; `node bench/present/render-cli.ts <run folder>` rebuilds it).
import type { NoiseFloor } from '../judge/noise-floor.ts';
import type { Report } from '../report/schema.ts';
import { renderCharts } from './charts.ts';
import { significant } from './format.ts';
import { loadSection } from './markdown-load.ts';
import { microSection, samplingSection, skippedSection, summaryTables } from './markdown-measurements.ts';
import { noiseFloorSection } from './markdown-noise.ts';
import { statementsSection } from './markdown-statements.ts';
import { breakpointsSection, floorSection, headlineSection, roundTripsSection, wavesSection } from './markdown-story.ts';
import { benchCommand, runFolder } from './reproduce.ts';
import type { Summary, SummaryOptions } from './summary.ts';
import { summarize } from './summary.ts';

// The A/A noise floor comes from bench/judge/noise-floor.ts; renderRunFiles computes it for a
// run folder, and a caller that ran it with other options passes its own. `folder` is
// where this report lives (results/runs/<id>, or results/reference once taken as one),
// so the commands it prints name a folder that exists.
export type MarkdownExtras = SummaryOptions & { readonly noiseFloor?: NoiseFloor; readonly folder?: string };

function machineLine(report: Report): string {
  const { machine, parameters } = report;
  const [before] = machine.loadAverage.before;
  const [after] = machine.loadAverage.after;
  const { wall, outside, run } = machine.cpuSeconds;
  const database = machine.databaseInRun ? '' : ' (the database was not this run\'s process: its CPU time counts as outside)';
  const pinning = parameters.cpuPinning === null
    ? 'no CPU pinning'
    : `harness pinned to CPUs ${parameters.cpuPinning.harness}, servers under test to ${parameters.cpuPinning.targets}`;
  return `**Machine:** load average ${before.toFixed(2)} when the run began, ${after.toFixed(2)} when it ended (${machine.cores} cores); ` +
    `in its ${wall.toFixed(0)} s this run used ${run.toFixed(0)} CPU-seconds, everything else ${outside.toFixed(0)}${database}; ${pinning}.`;
}

function header(report: Report, summary: Summary): string {
  const { run, environment: env, parameters } = report;
  const date = `${new Date(run.startedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const git = `\`${env.git.sha.slice(0, 12)}\`${env.git.dirty ? ' (dirty: uncommitted changes)' : ''}`;
  const took = `${significant(run.durationSeconds / 60)} min`;
  const environment = [
    `Node ${env.node}`,
    `${env.cpu.model}, ${env.cpu.cores} cores, ${significant(env.memoryMiB / 1024)} GiB`,
    `${env.database.server} (${env.database.provider})`,
    `${env.servers} servers`,
    `injected app↔DB round trip: ${parameters.injectedLatenciesMs.join(', ')} ms`,
    `seed ${env.seed.value} (\`${env.seed.fingerprint.slice(0, 12)}\`)`,
  ].join(' · ');
  const busy = summary.busy.length === 0
    ? []
    : ['', '> [!WARNING]', `> **The machine was busy while this ran:** ${summary.busy.join('; ')}. Its timings are preliminary; measure again on a quiet machine.`];
  return [
    `# Settings API benchmark · run ${run.id}`,
    '',
    `${date} · suite **${parameters.suite}** · git ${git} · took ${took}`,
    '',
    `**Environment:** ${environment}`,
    '',
    machineLine(report),
    ...busy,
  ].join('\n');
}

function chartsSection(charts: readonly { readonly file: string; readonly title: string }[]): string {
  return ['## Charts', '', ...charts.flatMap((chart) => [`![${chart.title}](${chart.file})`, ''])].join('\n').trimEnd();
}

function reproduceSection(report: Report, folder: string): string {
  return [
    '## How to reproduce',
    '',
    report.environment.git.dirty
      ? 'The same run, from the same commit (the run had uncommitted changes, so the commit alone may differ):'
      : 'The same run, from the same commit:',
    '',
    '```sh',
    `git checkout ${report.environment.git.sha}`,
    benchCommand(report.run.argv),
    '```',
    '',
    'Compare a new run against this one:',
    '',
    '```sh',
    `make compare BASE=${folder} NEW=results/runs/<new run id>`,
    '```',
    '',
    `This file and the charts are generated from report.json; rebuild them with \`node bench/present/render-cli.ts ${folder}\`.`,
  ].join('\n');
}

export function renderMarkdown(report: Report, extras: MarkdownExtras = {}): string {
  const summary = summarize(report, extras);
  const sections = [
    header(report, summary),
    headlineSection(summary),
    samplingSection(report),
    summaryTables(summary),
    roundTripsSection(summary),
    wavesSection(summary),
    floorSection(summary),
    chartsSection(renderCharts(summary)),
    breakpointsSection(summary),
    loadSection(summary, report),
    microSection(summary),
    statementsSection(report),
    skippedSection(summary),
    noiseFloorSection(extras.noiseFloor),
    reproduceSection(report, extras.folder ?? runFolder(report.run.id)),
  ];
  return `${sections.join('\n\n')}\n`;
}
