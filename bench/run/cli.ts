// `make bench`: start a database, seed it, measure every variant, write one run folder.
// Exit codes: 0 report written; 1 the run failed (nothing written); 2 bad flags;
// 130/143 interrupted (Ctrl-C / SIGTERM; nothing written, everything stopped).
import path from 'node:path';
import { configFromCli } from '../../lib/config.ts';
import { installSignalHandlers, isExiting, runCleanups } from './cleanup.ts';
import { findCell, summarize } from '../present/summary.ts';
import { formatMs, significant } from '../present/format.ts';
import { ratioText } from '../present/verdicts.ts';
import type { Report } from '../report/schema.ts';
import { pointLatestAt } from '../report/latest-run.ts';
import { writeRunFolder } from '../report/write-run.ts';
import { runBenchmark } from './run.ts';
import { duration } from './progress.ts';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function finalSummary(report: Report, dir: string, latest: string): string {
  const summary = summarize(report);
  const at = summary.reference;
  const lines = [
    '',
    `settings page, ${at.gids} gids, no injected latency (median of sequential requests, n samples):`,
    ...summary.targets.map((target) => {
      const cell = findCell(summary, target, at.gids, at.injectedMs);
      const page = cell?.page ? `${formatMs(cell.page.median)} (n = ${cell.page.n})` : 'not timed';
      const queries = cell?.work ? `  ${cell.work.queries} queries/request` : '';
      return `  ${target.padEnd(20)} ${page.padStart(18)}${queries}`;
    }),
    '',
    ...summary.headline.rows.map((row) => {
      const ratio = row.ratio === null ? 'not measured' : ratioText(row.ratio);
      return `  ${row.story.id.padEnd(10)} +${row.injectedMs} ms  ${row.story.before} / ${row.story.after}: ${ratio}`;
    }),
    '',
    `round trips on the critical path (k, from the sweep at ${summary.sweep.gids} gids) against the counted queries:`,
    ...summary.roundTrips.map((trips) => {
      const fit = trips.fit;
      const k = fit === null ? 'not fitted' : fit.low === null || fit.high === null ? `${significant(fit.slope)} (no interval)` : `${significant(fit.slope)} [${significant(fit.low)}–${significant(fit.high)}]`;
      const expected = trips.expected === null ? '' : `  counted: ${trips.expected.value}${trips.agrees === false ? '  DISAGREES' : ''}`;
      return `  ${trips.target.padEnd(20)} k = ${k}${expected}`;
    }),
    ...summary.busy.map((reason) => `warning: the machine was busy (${reason}); these timings are preliminary`),
    '',
    `run ${report.run.id} took ${duration(report.run.durationSeconds)}; report: ${path.join(dir, 'report.md')}`,
    `compare it with the reference: make compare BASE=results/reference NEW=${latest}`,
  ];
  return lines.join('\n');
}

installSignalHandlers();
const config = configFromCli(['bench', 'seed', 'database', 'server']);
try {
  const report = await runBenchmark(config, process.argv.slice(2), log);
  const dir = path.join(config.resultsDir, report.run.id);
  await writeRunFolder(dir, report);
  const latest = await pointLatestAt(config.resultsDir, report.run.id);
  await runCleanups();
  process.stdout.write(`${finalSummary(report, dir, latest)}\n`);
  process.exit(0);
} catch (error) {
  // Interrupted: the signal handler is stopping everything and will exit with 130/143.
  if (isExiting()) await new Promise(() => undefined);
  log(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  await runCleanups();
  process.exit(1);
}
