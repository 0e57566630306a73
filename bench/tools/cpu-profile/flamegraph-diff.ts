// A differential flame graph of two folded profiles (CPU or wall-clock): every stack is
// drawn as wide as the larger of its two weights, so what vanished stays visible next
// to what is new, and coloured by how it changed: red grew, blue shrank, the deeper the
// larger the change relative to the larger weight; white-ish means about the same.
// Brendan Gregg's difffolded.pl draws the second profile's widths instead, which hides
// whatever the change removed: here the article's threads, the biggest thing that went.
import { drawFlameGraph, formatUs, rgb } from './flamegraph-svg.ts';

export type DiffSpec = {
  readonly title: string;
  readonly subtitle: string;
  readonly beforeName: string;
  readonly afterName: string;
  readonly before: ReadonlyMap<string, number>;
  readonly after: ReadonlyMap<string, number>;
};

export function differentialFlameGraphSvg(spec: DiffSpec): string {
  const widest = new Map<string, number>();
  for (const stack of new Set([...spec.before.keys(), ...spec.after.keys()])) {
    widest.set(stack, Math.max(spec.before.get(stack) ?? 0, spec.after.get(stack) ?? 0));
  }
  const before = prefixTotals(spec.before);
  const after = prefixTotals(spec.after);
  const weights = (path: string): { was: number; is: number } => ({ was: before.get(path) ?? 0, is: after.get(path) ?? 0 });
  const totalBefore = [...spec.before.values()].reduce((sum, us) => sum + us, 0);
  const totalAfter = [...spec.after.values()].reduce((sum, us) => sum + us, 0);
  return drawFlameGraph({
    title: spec.title,
    subtitle: spec.subtitle,
    stacks: new Map([...widest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    rootLabel: `all: ${formatUs(totalBefore)} → ${formatUs(totalAfter)}`,
    legend: [
      { name: `grew (only in ${spec.afterName}: deepest red)`, fill: changeColour(1) },
      { name: 'about the same', fill: changeColour(0) },
      { name: `shrank (only in ${spec.beforeName}: deepest blue)`, fill: changeColour(-1) },
    ],
    fill: (box) => (box.path === '' ? changeColour(relativeChange(totalBefore, totalAfter)) : changeColour(relativeChange(weights(box.path).was, weights(box.path).is))),
    tooltip: (box) => {
      const { was, is } = box.path === '' ? { was: totalBefore, is: totalAfter } : weights(box.path);
      return `${box.label}\n${spec.beforeName} ${formatUs(was)} → ${spec.afterName} ${formatUs(is)} (${percentChange(was, is)})`;
    },
  });
}

// Every prefix of every stack with the weight of all stacks under it: a box's total.
export function prefixTotals(stacks: ReadonlyMap<string, number>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [stack, us] of stacks) {
    let at = stack.indexOf(';');
    while (at !== -1) {
      const prefix = stack.slice(0, at);
      totals.set(prefix, (totals.get(prefix) ?? 0) + us);
      at = stack.indexOf(';', at + 1);
    }
    totals.set(stack, (totals.get(stack) ?? 0) + us);
  }
  return totals;
}

// -1 (vanished) … 0 (unchanged) … +1 (new), relative to the larger of the two.
export function relativeChange(was: number, is: number): number {
  const larger = Math.max(was, is);
  return larger === 0 ? 0 : (is - was) / larger;
}

function changeColour(change: number): string {
  const white = [245, 240, 235];
  const towards = change >= 0 ? [215, 40, 40] : [40, 90, 215];
  const t = Math.min(1, Math.abs(change));
  return rgb(white.map((channel, index) => channel + ((towards[index] ?? channel) - channel) * t));
}

function percentChange(was: number, is: number): string {
  if (was === 0) return is === 0 ? 'none either way' : 'new';
  if (is === 0) return 'gone';
  const change = (is - was) / was;
  return `${change >= 0 ? '+' : '−'}${Math.abs(change * 100).toFixed(1)} %`;
}
