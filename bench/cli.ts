// `make bench`: start a database, seed it, measure every variant, write one run folder.
// Exit codes: 0 report written; 1 the run failed (nothing written); 2 bad flags;
// 130/143 interrupted (Ctrl-C / SIGTERM; nothing written, everything stopped).
import path from 'node:path';
import { configFromCli } from '../lib/config.ts';
import { installSignalHandlers, isExiting, runCleanups } from './cleanup.ts';
import { findCell, summarize } from './report/summary.ts';
import { formatMs } from './report/format.ts';
import type { Report } from './report-schema.ts';
import { writeRunFolder } from './report/write-run.ts';
import { runBenchmark } from './run.ts';
import { duration } from './progress.ts';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function finalSummary(report: Report, dir: string): string {
  const summary = summarize(report);
  // A counters-only run times nothing: the largest counted size then.
  const timed = report.measurements.flatMap((m) => (m.kind === 'page-load' ? [m.gids] : []));
  const counted = report.measurements.flatMap((m) => (m.kind === 'counters' ? [m.gids] : []));
  const largest = Math.max(...(timed.length > 0 ? timed : counted));
  const lines = [
    '',
    `settings page, ${largest} gids, no injected latency (p50 of sequential requests):`,
    ...summary.targets.map((target) => {
      const cell = findCell(summary, target, largest, 0);
      const p50 = cell?.page ? formatMs(cell.page.p50Ms) : report.parameters.countersOnly ? 'not timed' : 'not measured';
      const speedup = cell?.speedup == null ? '' : `  ${cell.speedup.toFixed(1)}× vs baseline`;
      const queries = cell?.work ? `  ${cell.work.queries} queries/request` : '';
      return `  ${target.padEnd(20)} ${p50.padStart(10)}${speedup}${queries}`;
    }),
    '',
    `run ${report.run.id} took ${duration(report.run.durationSeconds)}; report: ${path.join(dir, 'report.md')}`,
  ];
  return lines.join('\n');
}

installSignalHandlers();
const config = configFromCli(['bench', 'seed', 'database', 'server']);
try {
  const report = await runBenchmark(config, process.argv.slice(2), log);
  const dir = path.join(config.resultsDir, report.run.id);
  await writeRunFolder(dir, report);
  await runCleanups();
  process.stdout.write(`${finalSummary(report, dir)}\n`);
  process.exit(0);
} catch (error) {
  // Interrupted: the signal handler is stopping everything and will exit with 130/143.
  if (isExiting()) await new Promise(() => undefined);
  log(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  await runCleanups();
  process.exit(1);
}
