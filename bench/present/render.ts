// Every file of a run folder that is derived from report.json, as (path, content) pairs.
// Pure: writing them is write-run.ts's and render-cli.ts's job.
import { aaNoiseFloor } from '../judge/noise-floor.ts';
import type { Report } from '../report/schema.ts';
import { renderCharts } from './charts.ts';
import { biggerIsBetter, githubBenchmarkFiles, smallerIsBetter } from './github-benchmark.ts';
import type { MarkdownExtras } from './markdown.ts';
import { renderMarkdown } from './markdown.ts';
import { summarize } from './summary.ts';

export type RunFile = { readonly path: string; readonly content: string };

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

// The A/A noise floor needs nothing but the report, so a re-render computes it again.
export function renderRunFiles(report: Report, extras: MarkdownExtras = {}): RunFile[] {
  const summary = summarize(report, extras);
  const noiseFloor = extras.noiseFloor ?? aaNoiseFloor(report);
  return [
    { path: 'report.md', content: renderMarkdown(report, { ...extras, noiseFloor }) },
    ...renderCharts(summary).map((chart) => ({ path: chart.file, content: chart.svg })),
    { path: githubBenchmarkFiles.smallerIsBetter, content: json(smallerIsBetter(summary)) },
    { path: githubBenchmarkFiles.biggerIsBetter, content: json(biggerIsBetter(summary)) },
  ];
}

export function reportJson(report: Report): string {
  return json(report);
}
