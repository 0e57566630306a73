// Samples → folded stacks, the plain-text format of Brendan Gregg's flamegraph.pl
// ("root;caller;callee <weight>" per line) that speedscope, inferno and difffolded.pl
// also read. Weights are microseconds during which the profiled thread was busy. V8
// samples the thread's state on a clock, not CPU cycles: JavaScript, GC, and native code
// (including a wait inside native code, such as joining an ending thread) count as busy;
// "(idle)", waiting in the event loop for I/O, is left out and counted apart, so a page
// that mostly waits on MySQL is a thin graph with a large idle figure.
import type { Sample } from './cpuprofile.ts';
import { idleFrameName, labelFrame } from './frame-label.ts';
import type { FrameKind } from './frame-label.ts';

export type Folded = {
  // Frame labels joined by ';', root first; sorted, so equal profiles give equal text.
  readonly stacks: ReadonlyMap<string, number>;
  readonly kinds: ReadonlyMap<string, FrameKind>;
  readonly busyUs: number;
  readonly idleUs: number;
};

export type HotSpot = { readonly label: string; readonly kind: FrameKind; readonly selfUs: number; readonly share: number };

export function foldSamples(samples: readonly Sample[], repositoryUrl: string): Folded {
  const stacks = new Map<string, number>();
  const kinds = new Map<string, FrameKind>();
  let busyUs = 0;
  let idleUs = 0;
  for (const sample of samples) {
    if (sample.stack.at(-1)?.functionName === idleFrameName) {
      idleUs += sample.us;
      continue;
    }
    if (sample.stack.length === 0) continue;
    const labels = sample.stack.map((frame) => {
      const label = labelFrame(frame, repositoryUrl);
      kinds.set(label.text, label.kind);
      return label.text;
    });
    const key = labels.join(';');
    stacks.set(key, (stacks.get(key) ?? 0) + sample.us);
    busyUs += sample.us;
  }
  const sorted = [...stacks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { stacks: new Map(sorted), kinds, busyUs, idleUs };
}

export function foldedText(folded: Pick<Folded, 'stacks'>): string {
  return [...folded.stacks].map(([stack, us]) => `${stack} ${Math.round(us)}\n`).join('');
}

// Self time is what the leaf of each stack spent: where the thread actually was.
export function topSelfTime(folded: Folded, count: number): HotSpot[] {
  const self = new Map<string, number>();
  for (const [stack, us] of folded.stacks) {
    const leaf = stack.slice(stack.lastIndexOf(';') + 1);
    self.set(leaf, (self.get(leaf) ?? 0) + us);
  }
  return [...self]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, count)
    .map(([label, selfUs]) => ({
      label,
      kind: folded.kinds.get(label) ?? 'engine',
      selfUs,
      share: folded.busyUs > 0 ? selfUs / folded.busyUs : 0,
    }));
}
