// What a waterfall shows of one trace, before any drawing: groups of rows (the requests
// and the article's functions; threads; connections; queries), each group's spans by
// start time, runs of identical spans collapsed, and each run that is an N + 1 marked.
import type { TraceSpan } from './otlp.ts';
import type { NPlusOne } from './n-plus-one.ts';
import { collapseRuns } from './runs.ts';
import type { WaterfallRow } from './runs.ts';
import { spanLabel, spanRole } from './span-role.ts';
import type { SpanRole } from './span-role.ts';

export type WaterfallGroup = {
  readonly title: string;
  readonly role: SpanRole;
  readonly spans: number;
  readonly rows: readonly WaterfallRow[];
};

export type Waterfall = {
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly groups: readonly WaterfallGroup[];
  // Span ids of every span that belongs to an N + 1 run.
  readonly nPlusOneSpans: ReadonlySet<string>;
};

const groups: readonly { readonly title: string; readonly roles: readonly SpanRole[] }[] = [
  { title: 'requests and functions', roles: ['request', 'code'] },
  { title: 'threads', roles: ['thread'] },
  { title: 'connections opened', roles: ['connection'] },
  { title: 'queries', roles: ['query'] },
];

export function waterfallOf(spans: readonly TraceSpan[], nPlusOne: readonly NPlusOne[], collapseAtLeast: number): Waterfall {
  const first = spans[0];
  if (first === undefined) throw new Error('the trace has no span');
  const depth = depthsOf(spans);
  return {
    startNs: spans.reduce((earliest, span) => (span.startNs < earliest ? span.startNs : earliest), first.startNs),
    endNs: spans.reduce((latest, span) => (span.endNs > latest ? span.endNs : latest), first.endNs),
    groups: groups.flatMap(({ title, roles }) => {
      const members = spans.filter((span) => roles.includes(spanRole(span)))
        // A parent before its child when both start at once.
        .sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : (depth.get(a.spanId) ?? 0) - (depth.get(b.spanId) ?? 0)));
      if (members.length === 0) return [];
      const role = roles[0] as SpanRole;
      // The skeleton is never collapsed: each request and function is read on its own.
      const atLeast = role === 'request' ? Number.POSITIVE_INFINITY : collapseAtLeast;
      return [{ title, role, spans: members.length, rows: collapseRuns(members, spanLabel, atLeast) }];
    }),
    nPlusOneSpans: new Set(nPlusOne.flatMap((run) => run.spans.map((span) => span.spanId))),
  };
}

function depthsOf(spans: readonly TraceSpan[]): Map<string, number> {
  const parents = new Map(spans.map((span) => [span.spanId, span.parentSpanId]));
  const depths = new Map<string, number>();
  for (const span of spans) {
    let depth = 0;
    for (let id = span.parentSpanId; id !== undefined && parents.has(id) && depth < spans.length; id = parents.get(id)) depth++;
    depths.set(span.spanId, depth);
  }
  return depths;
}
