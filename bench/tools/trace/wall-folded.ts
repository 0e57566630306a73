// A trace → folded stacks weighted by wall time, the input of a wall-clock flame graph.
// Each instant of the trace goes to the spans doing something right then that have no
// child doing something themselves (the leaves of what is running), split evenly when
// several run at once: a thousand threads side by side share each instant a thousand
// ways. So waiting shows up where it happens (a query under the loop that waits for it),
// and the widths of all frames add up to the trace's wall time, as a CPU flame graph's
// add up to busy time. A frame is a span's label, its stack the labels of its ancestors.
import type { TraceSpan } from './otlp.ts';
import { spanLabel, spanRole } from './span-role.ts';
import type { SpanRole } from './span-role.ts';

export type WallFolded = {
  // Stack → microseconds, sorted by stack, as bench/tools/cpu-profile/folded.ts writes them.
  readonly stacks: ReadonlyMap<string, number>;
  readonly roles: ReadonlyMap<string, SpanRole>;
  readonly wallUs: number;
};

type Node = { readonly span: TraceSpan; readonly parent: Node | undefined; activeChildren: number; stack: string };

export function foldWallTime(spans: readonly TraceSpan[]): WallFolded {
  const roles = new Map<string, SpanRole>();
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const nodes = new Map<string, Node>();
  const nodeOf = (span: TraceSpan, below: ReadonlySet<string>): Node => {
    const known = nodes.get(span.spanId);
    if (known !== undefined) return known;
    // A span whose parent is not in the trace (or, in a broken file, its own descendant) is a root.
    const parentSpan = span.parentSpanId === undefined || below.has(span.parentSpanId) ? undefined : byId.get(span.parentSpanId);
    const parent = parentSpan === undefined ? undefined : nodeOf(parentSpan, new Set([...below, span.spanId]));
    const label = spanLabel(span).replace(/;/g, ',');
    roles.set(label, spanRole(span));
    const node: Node = { span, parent, activeChildren: 0, stack: parent === undefined ? label : `${parent.stack};${label}` };
    nodes.set(span.spanId, node);
    return node;
  };
  for (const span of spans) nodeOf(span, new Set([span.spanId]));

  const origin = spans.reduce((earliest, span) => (span.startNs < earliest ? span.startNs : earliest), spans[0]?.startNs ?? 0n);
  const events = [...nodes.values()].flatMap((node) => [
    { at: Number(node.span.startNs - origin), node, starts: true },
    { at: Number(node.span.endNs - origin), node, starts: false },
  ]).sort((a, b) => a.at - b.at || Number(a.starts) - Number(b.starts));

  const leaves = new Set<Node>();
  const active = new Set<Node>();
  const stacks = new Map<string, number>();
  let wallNs = 0;
  let previous = events[0]?.at ?? 0;
  for (const event of events) {
    const elapsed = event.at - previous;
    if (elapsed > 0 && leaves.size > 0) {
      wallNs += elapsed;
      const share = elapsed / leaves.size / 1000;
      for (const leaf of leaves) stacks.set(leaf.stack, (stacks.get(leaf.stack) ?? 0) + share);
    }
    previous = event.at;
    const { node } = event;
    const parent = node.parent !== undefined && active.has(node.parent) ? node.parent : undefined;
    if (event.starts) {
      active.add(node);
      if (node.activeChildren === 0) leaves.add(node);
      if (parent !== undefined && parent.activeChildren++ === 0) leaves.delete(parent);
    } else {
      active.delete(node);
      leaves.delete(node);
      if (parent !== undefined && --parent.activeChildren === 0) leaves.add(parent);
    }
  }
  const sorted = [...stacks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { stacks: new Map(sorted), roles, wallUs: wallNs / 1000 };
}
