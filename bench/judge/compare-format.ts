// Renders a comparison for people (text, Markdown) or programs (JSON). Noise is shown
// as "~" so a reader never mistakes a 2 % wobble for a regression.
import type { Comparison, MetricComparison, Verdict } from './compare.ts';
import { formatInterval, formatP, formatPercent, formatShare, formatValue } from './compare-numbers.ts';
import { isRegression, missingReason } from './gate.ts';
import type { GateResult } from './gate.ts';
import type { MetricKind } from './metrics.ts';

export type OutputFormat = 'text' | 'markdown' | 'json';

type Compared = Extract<Comparison, { kind: 'compared' }>;
type Table = { readonly title: string; readonly rows: readonly (readonly string[])[] };

const sections: readonly (readonly [MetricKind, string])[] = [
  ['counter', 'counters per request (exact, rows read within its tolerance; any increase fails the gate)'],
  ['latency', 'latency'],
  ['throughput', 'throughput'],
  ['resource', 'resources (reported, never gated)'],
];

function verdictText(verdict: Verdict, threshold: number, footnote: (reason: string) => number): string {
  switch (verdict.kind) {
    case 'within-threshold':
      return `within ±${formatShare(threshold)}`;
    case 'not-comparable':
      return `not comparable [${footnote(verdict.reason)}]`;
    case 'reference':
      return 'reference (ratio = 1)';
    case 'within-tolerance':
      return 'within tolerance';
    default:
      return verdict.kind;
  }
}

function changeText(metric: MetricComparison): string {
  if (metric.verdict.kind === 'unchanged') return '~';
  if (metric.kind === 'counter') {
    const difference = metric.next.median - metric.base.median;
    if (difference === 0) return '=';
    const percent = metric.change === null ? '' : ` (${formatPercent(metric.change.ratio)})`;
    return `${difference > 0 ? '+' : ''}${Number(difference.toPrecision(6))}${percent}`;
  }
  return metric.change === null ? '' : formatPercent(metric.change.ratio);
}

function row(metric: MetricComparison, threshold: number, footnote: (reason: string) => number): string[] {
  const statistical = metric.p !== null;
  const verdict = verdictText(metric.verdict, threshold, footnote);
  return [
    metric.id,
    formatValue(metric.base.median, metric.unit),
    formatValue(metric.next.median, metric.unit),
    changeText(metric),
    statistical && metric.change !== null ? formatInterval(metric.change) : '',
    statistical ? formatP(metric.p ?? 1) : '',
    // Capitals for what fails the gate, so it stands out on a projector.
    isRegression(metric) ? verdict.toUpperCase() : verdict,
  ];
}

function tables(comparison: Compared, footnote: (reason: string) => number): Table[] {
  const { threshold } = comparison.options;
  return sections.flatMap(([kind, title]) => {
    const metrics = comparison.metrics.filter((metric) => metric.kind === kind);
    return metrics.length === 0 ? [] : [{ title, rows: metrics.map((metric) => row(metric, threshold, footnote)) }];
  });
}

function summaryLine(comparison: Compared): string {
  const counts = new Map<string, number>();
  for (const metric of comparison.metrics) counts.set(metric.verdict.kind, (counts.get(metric.verdict.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, count]) => `${count} ${kind}`);
  const allowed = comparison.missing.filter((metric) => metric.allowedBy !== null);
  const missing = comparison.missing.filter((metric) => metric.allowedBy === null);
  const lists = [['added', comparison.added], ['MISSING', missing], ['missing but allowed', allowed], ['ignored (--latency off)', comparison.ignored]] as const;
  for (const [name, list] of lists) {
    if (list.length > 0) parts.push(`${list.length} ${name}`);
  }
  return `${comparison.metrics.length} metrics compared: ${parts.join(', ')}`;
}

function headerLines(comparison: Comparison): string[] {
  const run = (r: Comparison['base']): string => `${r.id} (${r.sha.slice(0, 7)}${r.dirty ? '+dirty' : ''}, ${r.startedAt})`;
  const { alpha, threshold, latency } = comparison.options;
  const family = comparison.kind === 'compared' && comparison.family > 0 ? ` · p Holm-adjusted over ${comparison.family} timed metrics` : '';
  return [
    `base ${run(comparison.base)}  →  new ${run(comparison.next)}`,
    `alpha ${alpha} · threshold ±${formatShare(threshold)} · latency ${latency}${family}`,
  ];
}

function mismatchLines(comparison: Comparison): string[] {
  return comparison.mismatches.map((m) => `${m.field}: ${m.base} → ${m.next}`);
}

// Every metric of BASE that NEW lacks, and which pattern (if any) lets it pass.
function missingLines(comparison: Compared): string[] {
  return comparison.missing.map((metric) =>
    metric.allowedBy === null ? `MISSING ${missingReason(metric)}` : `allowed ${missingReason(metric)} (--allow-missing '${metric.allowedBy}')`,
  );
}

function gateLines(result: GateResult): string[] {
  return [`gate: ${result.pass ? 'PASS' : 'FAIL'}`, ...result.reasons.map((reason) => `  - ${reason}`)];
}

function columnTitles(alpha: number): string[] {
  return ['metric', 'base', 'new', 'change', `${formatShare(1 - alpha)} CI`, 'p', 'verdict'];
}

function footnotes(): { footnote: (reason: string) => number; list: string[] } {
  const list: string[] = [];
  const footnote = (reason: string): number => {
    const index = list.indexOf(reason);
    if (index >= 0) return index + 1;
    list.push(reason);
    return list.length;
  };
  return { footnote, list };
}

function renderText(comparison: Comparison, result: GateResult): string {
  const lines = headerLines(comparison);
  if (comparison.kind === 'refused') {
    lines.push('', 'REFUSED: the runs were measured in different environments:');
    lines.push(...mismatchLines(comparison).map((line) => `  ${line}`));
    lines.push('Compare runs from the same setup, or pass --allow-env-mismatch (consider --latency ratio).');
    return lines.join('\n');
  }
  if (comparison.mismatches.length > 0) {
    const bar = '!'.repeat(72);
    lines.push('', bar, '!! ENVIRONMENT MISMATCH (allowed): absolute timings may not be comparable', ...mismatchLines(comparison).map((line) => `!!   ${line}`), bar);
  }
  const notes = footnotes();
  const titles = columnTitles(comparison.options.alpha);
  for (const table of tables(comparison, notes.footnote)) {
    const all = [titles, ...table.rows];
    const widths = titles.map((_, column) => Math.max(...all.map((cells) => (cells[column] ?? '').length)));
    const line = (cells: readonly string[]): string =>
      cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ').trimEnd();
    lines.push('', table.title, line(titles), ...table.rows.map(line));
  }
  lines.push(...notes.list.map((reason, index) => `[${index + 1}] ${reason}`));
  const missing = missingLines(comparison);
  if (missing.length > 0) lines.push('', 'metrics of BASE missing in NEW (each fails the gate unless --allow-missing names it)', ...missing);
  lines.push('', summaryLine(comparison), ...gateLines(result));
  return lines.join('\n');
}

function renderMarkdown(comparison: Comparison, result: GateResult): string {
  const lines = ['## Run comparison', '', ...headerLines(comparison).map((line) => `${line}  `)];
  if (comparison.kind === 'refused') {
    lines.push('', '> **Refused: the runs were measured in different environments.**', ...mismatchLines(comparison).map((line) => `> - ${line}`));
    return lines.join('\n');
  }
  if (comparison.mismatches.length > 0) {
    lines.push('', '> [!WARNING]', '> **Environment mismatch (allowed): absolute timings may not be comparable.**', ...mismatchLines(comparison).map((line) => `> - ${line}`));
  }
  const notes = footnotes();
  const titles = columnTitles(comparison.options.alpha);
  const line = (cells: readonly string[]): string => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  for (const table of tables(comparison, notes.footnote)) {
    lines.push('', `### ${table.title}`, '', line(titles), `|${titles.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...table.rows.map(line));
  }
  if (notes.list.length > 0) lines.push('', ...notes.list.map((reason, index) => `[${index + 1}] ${reason}  `));
  const missing = missingLines(comparison);
  if (missing.length > 0) lines.push('', '### metrics of BASE missing in NEW', '', ...missing.map((line) => `- ${line.replaceAll('|', '\\|')}`));
  lines.push('', `**${summaryLine(comparison)}**`, '', ...gateLines(result).map((text) => (text.startsWith('  - ') ? text.slice(2) : `**${text}**`)));
  return lines.join('\n');
}

export function renderComparison(comparison: Comparison, result: GateResult, format: OutputFormat): string {
  switch (format) {
    case 'text':
      return renderText(comparison, result);
    case 'markdown':
      return renderMarkdown(comparison, result);
    case 'json':
      // Unbounded intervals (Infinity) become null, as JSON has no infinity.
      return JSON.stringify({ comparison, gate: result }, null, 2);
  }
}
