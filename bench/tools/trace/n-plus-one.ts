// N + 1 found in a trace by Sentry's rule: under one parent span, a run of database
// spans with the same statement, each starting after the previous one ended, with no
// other span between them. Runs of at least `minSpans` are reported; `flagged` says
// whether they also reach Sentry's total-duration threshold, as it would raise them.
// Sentry also wants a different query just before the run, to name the issue; that only
// serves its grouping and is not required here. A fan-out (threads or tasks querying at
// the same time) is not an N + 1 by this rule: the waterfall names it as overlapping.
import type { TraceSpan } from './otlp.ts';
import { byStart, nsToMs } from './runs.ts';
import type { NPlusOneRule } from './rules.ts';
import { spanRole, statementOf } from './span-role.ts';

export type NPlusOne = {
  readonly statement: string;
  readonly parent: TraceSpan | undefined;
  readonly spans: readonly TraceSpan[];
  // Summed span durations, as Sentry measures the threshold.
  readonly totalMs: number;
  readonly flagged: boolean;
};

export function findNPlusOne(spans: readonly TraceSpan[], rule: NPlusOneRule): NPlusOne[] {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const children = new Map<string | undefined, TraceSpan[]>();
  for (const span of spans) {
    const siblings = children.get(span.parentSpanId) ?? [];
    siblings.push(span);
    children.set(span.parentSpanId, siblings);
  }
  const found: NPlusOne[] = [];
  for (const [parentId, siblings] of children) {
    let run: TraceSpan[] = [];
    const close = (): void => {
      if (run.length >= rule.minSpans) {
        const totalMs = run.reduce((sum, span) => sum + nsToMs(span.endNs - span.startNs), 0);
        const parent = parentId === undefined ? undefined : byId.get(parentId);
        found.push({ statement: statementOf(run[0] as TraceSpan), parent, spans: run, totalMs, flagged: totalMs >= rule.minTotalMs });
      }
      run = [];
    };
    for (const span of [...siblings].sort(byStart)) {
      const last = run.at(-1);
      const continues = last !== undefined && spanRole(span) === 'query'
        && statementOf(span) === statementOf(last) && span.startNs >= last.endNs;
      if (!continues) {
        close();
        if (spanRole(span) === 'query') run = [span];
        continue;
      }
      run.push(span);
    }
    close();
  }
  return found.sort((a, b) => byStart(a.spans[0] as TraceSpan, b.spans[0] as TraceSpan));
}
