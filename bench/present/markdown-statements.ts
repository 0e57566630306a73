// The N + 1 section of report.md: every statement a route ran more than once per
// request, by fingerprint, for each target and counted size ("SELECT … FROM
// profile_settings WHERE name = ? LIMIT ?" × 1000). What `make compare` gates on.
import type { CountersMeasurement, Report } from '../report/schema.ts';
import { shortFingerprint } from '../measure/statements/fingerprint.ts';
import { formatCount } from './format.ts';
import { left, right, table } from './markdown-table.ts';

type Row = { readonly route: string; readonly target: string; readonly statement: string; readonly counts: Map<number, number> };

export function statementsSection(report: Report): string {
  const counters = report.measurements.filter((m): m is CountersMeasurement => m.kind === 'counters' && m.injectedMs === 0);
  const title = '## Repeated statements (N + 1), per request';
  const source = `Fingerprints: ${report.parameters.fingerprints}.`;
  if (counters.every((m) => m.fingerprints === null)) return [title, '', source].join('\n');
  const sizes = [...new Set(counters.map((m) => m.gids))].sort((a, b) => a - b);
  const rows = new Map<string, Row>();
  const counted = new Set(counters.map((m) => `${m.route} ${m.target} ${m.gids}`));
  for (const m of counters) {
    for (const entry of m.fingerprints ?? []) {
      const key = `${m.route}\u0000${m.target}\u0000${entry.fingerprint}`;
      const row = rows.get(key) ?? { route: m.route, target: m.target, statement: entry.fingerprint, counts: new Map() };
      row.counts.set(m.gids, entry.count);
      rows.set(key, row);
    }
  }
  const intro = [
    title,
    '',
    `${source} Each statement below ran more than once for one request of its route; a`,
    'count that grows with the gids is an N + 1. Every statement of every route (by kind and by',
    'fingerprint), new connections, rows and bytes sent are in report.json and gated by `make compare`.',
  ];
  const repeated = [...rows.values()].filter((row) => [...row.counts.values()].some((count) => count > 1));
  if (repeated.length === 0) return [...intro, '', 'No statement ran more than once per request.'].join('\n');
  const columns = [left('route'), left('target'), left('statement'), ...sizes.map((gids) => right(`× at ${gids} gids`))];
  const lines = repeated.map((row) => [
    row.route,
    row.target,
    `\`${shortFingerprint(row.statement)}\``,
    ...sizes.map((gids) => {
      const count = row.counts.get(gids);
      if (count !== undefined) return formatCount(count);
      return counted.has(`${row.route} ${row.target} ${gids}`) ? '0' : '—';
    }),
  ]);
  return [...intro, '', table(columns, lines)].join('\n');
}
