// The measurement sections of report.md: the summary tables, micro-benchmarks, load runs
// and skipped cells.
import type { Report } from '../report-schema.ts';
import type { CellSummary } from './cells.ts';
import { formatCount, formatMs, formatTimes, significant } from './format.ts';
import { left, right, table } from './markdown-table.ts';
import type { Summary } from './summary.ts';

const dash = '—';

function pageCell(cell: CellSummary, pick: (page: NonNullable<CellSummary['page']>) => number): string {
  if (cell.page) return formatMs(pick(cell.page));
  return cell.skipped.length > 0 ? 'skipped' : dash;
}

export function summaryTables(summary: Summary, report: Report): string {
  const { pageLoad, load } = report.parameters;
  const columns = [
    left('target'),
    left('project'),
    right('page p50'),
    right('page p99'),
    right('req/s'),
    right('queries/request'),
    right('workers/request'),
    right('speedup vs baseline'),
  ];
  const perLatency = summary.latenciesMs.map((injectedMs) => {
    const rows = summary.projects.flatMap((project) =>
      summary.cells
        .filter((c) => c.gids === project.gids && c.injectedMs === injectedMs)
        .map((c) => [
          c.target,
          `${c.project} (${c.gids} gids)`,
          pageCell(c, (page) => page.p50Ms),
          pageCell(c, (page) => page.p99Ms),
          c.load ? significant(c.load.requestsPerSecond) : dash,
          c.work ? formatCount(c.work.queries) : dash,
          c.work?.workers != null ? formatCount(c.work.workers) : dash,
          c.speedup === null ? dash : formatTimes(c.speedup),
        ]),
    );
    return [`### +${injectedMs} ms injected app↔DB latency`, '', table(columns, rows)].join('\n');
  });
  return [
    '## Page load, throughput and work per request',
    '',
    `Page p50/p99: time to last byte over all samples (up to ${pageLoad.repetitions} repetitions × ${pageLoad.requestsPerRepetition} sequential requests, at least ${pageLoad.minSamples}). ` +
      `req/s: median over repetitions, ${load.connections} connections for ${load.durationSeconds} s. ` +
      'Queries and workers per request: counted at the database and by the server on the settings route. ' +
      'Speedup: baseline p50 / target p50 at the same size and latency.',
    '',
    ...perLatency.flatMap((section) => [section, '']),
  ].join('\n').trimEnd();
}

export function microSection(summary: Summary): string {
  if (summary.micro.length === 0) return ['## Micro-benchmarks', '', 'None measured in this run.'].join('\n');
  return [
    '## Micro-benchmarks',
    '',
    table(
      [left('task'), right('gids'), right('injected'), right('p50'), right('p99'), right('mean'), right('± rme'), right('repetitions')],
      summary.micro.map((m) => [
        m.task,
        String(m.gids),
        `+${m.injectedMs} ms`,
        formatMs(m.p50Ms),
        formatMs(m.p99Ms),
        formatMs(m.meanMs),
        m.rmePercent === null ? dash : `${significant(m.rmePercent)}%`,
        String(m.repetitions),
      ]),
    ),
  ].join('\n');
}

export function loadSection(summary: Summary, report: Report): string {
  const rows = summary.cells.flatMap((c) => {
    const load = c.load;
    if (load === null) return [];
    const failed = load.errors + load.timeouts + load.non2xx;
    return [
      [
        c.target,
        `${c.project} (${c.gids} gids)`,
        `+${c.injectedMs} ms`,
        String(load.requests),
        significant(load.requestsPerSecond),
        formatMs(load.p99Ms),
        String(load.errors),
        String(load.timeouts),
        String(load.non2xx),
        failed === 0 ? 'ok' : `**FAILING: ${failed} failed requests**`,
      ],
    ];
  });
  const { connections, durationSeconds } = report.parameters.load;
  return [
    '## Load details',
    '',
    `${connections} connections for ${durationSeconds} s per repetition. Requests and failures are totals over repetitions; ` +
      'req/s and p99 (whole milliseconds, as autocannon reports them) are medians over repetitions.',
    '',
    rows.length === 0
      ? 'No load runs in this report.'
      : table(
          [left('target'), left('project'), right('injected'), right('requests'), right('req/s'), right('load p99'), right('errors'), right('timeouts'), right('non-2xx'), left('status')],
          rows,
        ),
  ].join('\n');
}

export function skippedSection(summary: Summary): string {
  return [
    '## Skipped',
    '',
    summary.skipped.length === 0
      ? 'Nothing was skipped.'
      : table(
          [left('step'), left('target or task'), right('gids'), right('injected'), left('reason')],
          summary.skipped.map((s) => [s.step, s.target, String(s.gids), `+${s.injectedMs} ms`, s.reason]),
        ),
  ].join('\n');
}
