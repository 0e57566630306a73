// report.md: what a person reads after a run, rendered from report.json alone (never
// edited by hand; `node bench/report/render-cli.ts <run folder>` rebuilds it).
import type { NoiseFloor } from '../noise-floor.ts';
import type { Report } from '../report-schema.ts';
import { renderCharts } from './charts.ts';
import { significant } from './format.ts';
import { loadSection, microSection, skippedSection, summaryTables } from './markdown-measurements.ts';
import { noiseFloorSection } from './markdown-noise.ts';
import { statementsSection } from './markdown-statements.ts';
import { breakpointsSection, floorSection, headlineSection, wavesSection } from './markdown-story.ts';
import { benchCommand, runFolder } from './reproduce.ts';
import type { SummaryOptions } from './summary.ts';
import { summarize } from './summary.ts';

// The A/A noise floor comes from bench/noise-floor.ts; renderRunFiles computes it for a
// run folder, and a caller that ran it with other options passes its own.
export type MarkdownExtras = SummaryOptions & { readonly noiseFloor?: NoiseFloor };

function header(report: Report): string {
  const { run, environment: env, parameters } = report;
  const date = `${new Date(run.startedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const git = `\`${env.git.sha.slice(0, 12)}\`${env.git.dirty ? ' (dirty: uncommitted changes)' : ''}`;
  const took = `${significant(run.durationSeconds / 60)} min`;
  const environment = [
    `Node ${env.node}`,
    `${env.cpu.model}, ${env.cpu.cores} cores, ${significant(env.memoryMiB / 1024)} GiB`,
    `${env.database.server} (${env.database.provider})`,
    `${env.servers} servers`,
    `injected app↔DB latency: ${parameters.injectedLatenciesMs.join(', ')} ms`,
    `seed ${env.seed.value} (\`${env.seed.fingerprint.slice(0, 12)}\`)`,
  ].join(' · ');
  return [
    `# Settings API benchmark · run ${run.id}`,
    '',
    `${date} · profile **${parameters.profile}** · git ${git} · took ${took}`,
    '',
    `**Environment:** ${environment}`,
  ].join('\n');
}

function chartsSection(charts: readonly { readonly file: string; readonly title: string }[]): string {
  return ['## Charts', '', ...charts.flatMap((chart) => [`![${chart.title}](${chart.file})`, ''])].join('\n').trimEnd();
}

function reproduceSection(report: Report): string {
  const folder = runFolder(report.run.id);
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
    `This file and the charts are generated from report.json; rebuild them with \`node bench/report/render-cli.ts ${folder}\`.`,
  ].join('\n');
}

export function renderMarkdown(report: Report, extras: MarkdownExtras = {}): string {
  const summary = summarize(report, extras);
  const sections = [
    header(report),
    headlineSection(summary),
    summaryTables(summary, report),
    wavesSection(summary),
    floorSection(summary),
    chartsSection(renderCharts(summary)),
    breakpointsSection(summary),
    microSection(summary),
    loadSection(summary, report),
    statementsSection(report),
    skippedSection(summary),
    noiseFloorSection(extras.noiseFloor),
    reproduceSection(report),
  ];
  return `${sections.join('\n\n')}\n`;
}
