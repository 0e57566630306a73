// `make bench`: start a database, seed it, measure every variant, write one run folder.
// Exit codes: 0 report written; 1 the run failed (nothing written); 2 bad flags;
// 130/143 interrupted (Ctrl-C / SIGTERM; nothing written, everything stopped).
import path from 'node:path';
import { configFromCli } from '../lib/config.ts';
import { installSignalHandlers, isExiting, runCleanups } from './cleanup.ts';
import { findCell, summarize } from './report/summary.ts';
import { formatMs } from './report/format.ts';
import type { Report } from './report-schema.ts';
import { pointLatestAt } from './report/latest-run.ts';
import { writeRunFolder } from './report/write-run.ts';
import { runBenchmark } from './run.ts';
import { duration } from './progress.ts';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function finalSummary(report: Report, dir: string, latest: string): string {
  const summary = summarize(report);
  const timed = report.measurements.flatMap((m) => (m.kind === 'page-load' ? [m.gids] : []));
  const largest = Math.max(...timed);
  const lines = [
    '',
    `settings page, ${largest} gids, no injected latency (p50 of sequential requests):`,
    ...summary.targets.map((target) => {
      const cell = findCell(summary, target, largest, 0);
      const p50 = cell?.page ? formatMs(cell.page.p50Ms) : 'not measured';
      const speedup = cell?.speedup == null ? '' : `  ${cell.speedup.toFixed(1)}× vs baseline`;
      const queries = cell?.work ? `  ${cell.work.queries} queries/request` : '';
      return `  ${target.padEnd(20)} ${p50.padStart(10)}${speedup}${queries}`;
    }),
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
