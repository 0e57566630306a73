// The two tables the workshop projects: page p50 by size, and page p50 along the latency
// sweep. A gap is a finding (the baseline too slow to repeat), so it shows as report.md
// shows it; a table with no figure at all is a missing figure.
import type { CellSummary } from './cells.ts';
import { formatCount, formatMs, formatTickMs } from './format.ts';
import { left, right, table } from './markdown-table.ts';
import { breakpoints } from './story.ts';
import type { WorkshopFigures } from './workshop-figures.ts';
import { missing } from './workshop-figures.ts';

const dash = '—';

function p50Text(cell: CellSummary | undefined): string {
  if (cell?.page) return formatMs(cell.page.p50Ms);
  return cell !== undefined && cell.skipped.length > 0 ? 'skipped' : dash;
}

function cellFinder(figures: WorkshopFigures) {
  return (variant: string, gids: number, injectedMs: number): CellSummary | undefined =>
    figures.summary.cells.find((c) => c.variant === variant && c.gids === gids && c.injectedMs === injectedMs);
}

function requireSomeTiming(cells: readonly (CellSummary | undefined)[], what: string): void {
  if (!cells.some((cell) => cell?.page)) missing(what);
}

export function sizesTable(figures: WorkshopFigures): string {
  const { summary } = figures;
  const at = summary.reference.injectedMs;
  const cell = cellFinder(figures);
  requireSomeTiming(summary.variants.flatMap((v) => summary.projects.map((p) => cell(v, p.gids, at))), `page loads at +${at} ms`);
  const rows = summary.variants.map((variant) => [variant, ...summary.projects.map((p) => p50Text(cell(variant, p.gids, at)))]);
  return table([left('variant'), ...summary.projects.map((p) => right(`${p.gids} gids`))], rows);
}

// "breaks at" uses report.md's rule (over the budget, failing under load, or skipped),
// applied to the sweep's project rather than the story's.
export function sweepTable(figures: WorkshopFigures): string {
  const { summary } = figures;
  const sweep = figures.sweep ?? missing('a latency sweep (pages timed at two or more injected latencies)');
  const least = summary.reference.injectedMs;
  const broken = breakpoints(summary.cells, summary.variants, { project: sweep.code, gids: sweep.gids, injectedMs: least }, summary.budgetMs);
  const cell = cellFinder(figures);
  requireSomeTiming(summary.variants.flatMap((v) => summary.latenciesMs.map((ms) => cell(v, sweep.gids, ms))), `page loads of ${sweep.code}`);
  const rows = summary.variants.map((variant) => {
    const work = cell(variant, sweep.gids, least)?.work;
    const breaksAt = broken.find((point) => point.variant === variant)?.injectedMs ?? null;
    return [
      variant,
      ...summary.latenciesMs.map((ms) => p50Text(cell(variant, sweep.gids, ms))),
      work ? formatCount(work.queries) : dash,
      breaksAt === null ? 'never' : `+${formatTickMs(breaksAt)}`,
    ];
  });
  return table(
    [left('variant'), ...summary.latenciesMs.map((ms) => right(`+${formatTickMs(ms)}`)), right('queries/request'), right('breaks at')],
    rows,
  );
}
