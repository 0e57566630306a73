// Runs of identical spans: consecutive spans (by start time) with one label. A run is
// sequential when each span starts after the previous one ended (an N + 1 loop), else
// overlapping (a fan-out: a thread or a connection per gid), and then how many ran at once.
import { formatMs } from '../../present/format.ts';
import type { TraceSpan } from './otlp.ts';

export type SpanRun = {
  readonly label: string;
  readonly spans: readonly TraceSpan[];
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly overlap: 'sequential' | 'overlapping';
  readonly mostAtOnce: number;
};

export type WaterfallRow =
  | { readonly kind: 'span'; readonly label: string; readonly span: TraceSpan }
  | { readonly kind: 'run'; readonly run: SpanRun };

export function collapseRuns(spans: readonly TraceSpan[], labelOf: (span: TraceSpan) => string, atLeast: number): WaterfallRow[] {
  const rows: WaterfallRow[] = [];
  let group: TraceSpan[] = [];
  let groupLabel = '';
  const close = (): void => {
    if (group.length >= atLeast) rows.push({ kind: 'run', run: spanRun(groupLabel, group) });
    else for (const span of group) rows.push({ kind: 'span', label: groupLabel, span });
    group = [];
  };
  for (const span of [...spans].sort(byStart)) {
    const label = labelOf(span);
    if (group.length > 0 && label !== groupLabel) close();
    groupLabel = label;
    group.push(span);
  }
  close();
  return rows;
}

export function spanRun(label: string, spans: readonly TraceSpan[]): SpanRun {
  const sorted = [...spans].sort(byStart);
  const first = sorted[0];
  if (first === undefined) throw new Error('a run needs at least one span');
  const sequential = sorted.every((span, index) => index === 0 || span.startNs >= (sorted[index - 1]?.endNs ?? span.startNs));
  return {
    label,
    spans: sorted,
    startNs: first.startNs,
    endNs: sorted.reduce((latest, span) => (span.endNs > latest ? span.endNs : latest), first.endNs),
    overlap: sequential ? 'sequential' : 'overlapping',
    mostAtOnce: sequential ? 1 : mostAtOnce(sorted),
  };
}

// "× 1000 `SELECT … FROM profile_settings WHERE name = ? LIMIT ?`, sequential, 212 ms":
// the time from the first start to the last end.
export function describeRun(run: SpanRun): string {
  const how = run.overlap === 'sequential' ? 'sequential' : `overlapping, up to ${run.mostAtOnce} at once`;
  return `× ${run.spans.length} \`${run.label}\`, ${how}, ${formatMs(nsToMs(run.endNs - run.startNs))}`;
}

export function byStart(a: TraceSpan, b: TraceSpan): number {
  return a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0;
}

export function nsToMs(ns: bigint): number {
  return Number(ns) / 1e6;
}

function mostAtOnce(spans: readonly TraceSpan[]): number {
  // Ends sort before starts at the same instant: touching spans did not overlap.
  const events = spans.flatMap((span) => [{ at: span.startNs, step: 1 }, { at: span.endNs, step: -1 }])
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.step - b.step));
  let open = 0;
  let most = 0;
  for (const event of events) most = Math.max(most, (open += event.step));
  return most;
}
