// The two tables the workshop projects: page p50 by size, and page p50 along the latency
// sweep. A gap is a finding (a cell skipped as too slow), so it shows as report.md shows
// it; a table without a single timing is a missing figure.
import type { CellSummary } from './cells.ts';
import { formatCount, formatMs, formatTickMs } from './format.ts';
import { left, right, table } from './markdown-table.ts';
import { breakpoints } from './story.ts';
import { findCell } from './summary.ts';
import type { WorkshopFigures } from './workshop-figures.ts';
import { missing, sweepOf } from './workshop-figures.ts';

const dash = '—';

function p50Text(cell: CellSummary | undefined): string {
  if (cell?.page) return formatMs(cell.page.p50Ms);
  return cell !== undefined && cell.skipped.length > 0 ? 'skipped' : dash;
}

export function sizesTable({ summary }: WorkshopFigures): string {
  const at = summary.reference.injectedMs;
  // A size that was only counted, never timed, would be a column of dashes.
  const timed = summary.projects.filter((p) => summary.targets.some((v) => findCell(summary, v, p.gids, at)?.page));
  if (timed.length === 0) missing(`page loads at +${at} ms`);
  return table(
    [left('target'), ...timed.map((p) => right(`${p.gids} gids`))],
    summary.targets.map((target) => [target, ...timed.map((p) => p50Text(findCell(summary, target, p.gids, at)))]),
  );
}

// "breaks at" is report.md's rule (over the budget, failing under load, or skipped),
// applied to the sweep's project rather than to the story's.
export function sweepTable(figures: WorkshopFigures): string {
  const { summary } = figures;
  const sweep = sweepOf(figures);
  const least = summary.reference.injectedMs;
  const broken = breakpoints(summary.cells, summary.targets, { project: sweep.code, gids: sweep.gids, injectedMs: least }, summary.budgetMs);
  const rows = summary.targets.map((target) => {
    const work = findCell(summary, target, sweep.gids, least)?.work;
    const breaksAt = broken.find((point) => point.target === target)?.injectedMs ?? null;
    return [
      target,
      ...summary.latenciesMs.map((ms) => p50Text(findCell(summary, target, sweep.gids, ms))),
      work ? formatCount(work.queries) : dash,
      breaksAt === null ? 'never' : `+${formatTickMs(breaksAt)}`,
    ];
  });
  return table(
    [left('target'), ...summary.latenciesMs.map((ms) => right(`+${formatTickMs(ms)}`)), right('queries/request'), right('breaks at')],
    rows,
  );
}
