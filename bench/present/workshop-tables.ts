// The tables the workshop projects: the headline, page medians by size, and the latency
// sweep with each target's round trips k. A gap is a finding (a cell skipped as too
// slow), so it shows as report.md shows it; a table without a single timing is a
// missing figure.
import type { CellSummary } from './cells.ts';
import { formatCount, formatMs, formatTickMs, formatTimes, significant } from './format.ts';
import { left, right, table } from './markdown-table.ts';
import { findCell } from './summary.ts';
import { medianText, ratioText, shareText } from './verdicts.ts';
import type { WorkshopFigures } from './workshop-figures.ts';
import { missing, sweepOf } from './workshop-figures.ts';

const dash = '—';

function medianOf(cell: CellSummary | undefined): string {
  if (cell?.page) return `${formatMs(cell.page.median)} (n = ${cell.page.n})`;
  return cell !== undefined && cell.skipped.length > 0 ? 'not timed' : dash;
}

export function headlineTable({ summary }: WorkshopFigures): string {
  const { article, rows } = summary.headline;
  if (rows.length === 0) missing('a story (before, wave 1 and after among the targets)');
  const side = (page: { readonly page: CellSummary['page'] }): string => (page.page ? medianText(page.page) : 'not timed');
  return table(
    [left('stack'), right('RTT'), right('before'), right('after'), right('before / after'), right('wave 1 share'), right('wave 2 share')],
    [
      ['the article (production)', dash, formatMs(article.beforeMs), formatMs(article.afterMs), formatTimes(article.speedup), 'not published', 'not published'],
      ...rows.map((row) => [
        `${row.story.label}: ${row.story.before} → ${row.story.after}`,
        `+${row.injectedMs} ms`,
        side(row.before),
        side(row.after),
        row.ratio === null ? dash : ratioText(row.ratio),
        row.shares === null ? dash : shareText(row.shares.first),
        row.shares === null ? dash : shareText(row.shares.second),
      ]),
    ],
  );
}

export function sizesTable({ summary }: WorkshopFigures): string {
  const at = summary.reference.injectedMs;
  // A size that was only counted, never timed, would be a column of dashes.
  const timed = summary.projects.filter((p) => summary.targets.some((v) => findCell(summary, v, p.gids, at)?.page));
  if (timed.length === 0) missing(`page loads at +${at} ms`);
  return table(
    [left('target'), ...timed.map((p) => right(`${p.gids} gids`))],
    summary.targets.map((target) => [target, ...timed.map((p) => medianOf(findCell(summary, target, p.gids, at)))]),
  );
}

// Medians along the sweep, then k with its interval beside the counted queries.
export function sweepTable(figures: WorkshopFigures): string {
  const { summary } = figures;
  const sweep = sweepOf(figures);
  const least = summary.reference.injectedMs;
  const latencies = [...new Set(summary.cells.filter((c) => c.gids === sweep.gids && c.page !== null).map((c) => c.injectedMs))].sort((a, b) => a - b);
  const rows = summary.targets.map((target) => {
    const work = findCell(summary, target, sweep.gids, least)?.work;
    const trips = summary.roundTrips.find((t) => t.target === target);
    const fit = trips?.fit ?? null;
    const k = fit === null ? dash : fit.low === null || fit.high === null ? `${significant(fit.slope)} (no interval)` : `${significant(fit.slope)} [${significant(fit.low)}–${significant(fit.high)}]`;
    const breaksAt = summary.breakpoints.find((point) => point.target === target)?.injectedMs ?? null;
    return [
      target,
      ...latencies.map((ms) => medianOf(findCell(summary, target, sweep.gids, ms))),
      k,
      work ? formatCount(work.queries) : dash,
      trips?.agrees === false ? '**no**' : trips?.agrees === true ? 'yes' : dash,
      breaksAt === null ? 'never' : `+${formatTickMs(breaksAt)}`,
    ];
  });
  return table(
    [left('target'), ...latencies.map((ms) => right(`+${formatTickMs(ms)}`)), right('k [95 % CI]'), right('queries/request'), right('k agrees'), right('breaks at')],
    rows,
  );
}
