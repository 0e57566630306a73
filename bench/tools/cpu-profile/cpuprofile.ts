// The .cpuprofile format Node writes with --cpu-prof (the DevTools protocol's
// Profiler.Profile): a call tree of nodes, and one sampled node id per tick with the
// microseconds since the previous tick. Validated on read, so a truncated file (a server
// killed before it could flush) fails here with a clear message, not as NaN widths later.
import { z } from 'zod';

const callFrameSchema = z.object({
  functionName: z.string(),
  scriptId: z.union([z.string(), z.number()]),
  url: z.string(),
  lineNumber: z.number(),
  columnNumber: z.number(),
});

const profileSchema = z.object({
  nodes: z.array(z.object({ id: z.number(), callFrame: callFrameSchema, children: z.array(z.number()).optional() })).min(1),
  startTime: z.number(),
  endTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

export type CallFrame = z.infer<typeof callFrameSchema>;
export type CpuProfile = z.infer<typeof profileSchema>;

// One tick of the sampler: which call stack was on the CPU, at what time, for how long.
// Times are in microseconds on the same monotonic clock as process.hrtime() in any
// process of this machine, so a harness can cut out the window it caused.
export type Sample = { readonly stack: readonly CallFrame[]; readonly atUs: number; readonly us: number };

export type TimeWindow = { readonly fromUs: number; readonly toUs: number };

export function parseCpuProfile(text: string): CpuProfile {
  const parsed = profileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`not a .cpuprofile: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  if (parsed.data.samples.length !== parsed.data.timeDeltas.length) {
    throw new Error('not a .cpuprofile: samples and timeDeltas differ in length');
  }
  return parsed.data;
}

// A sample lasts until the next one (the last one until endTime), as DevTools counts it;
// weighting by time rather than counting ticks keeps a late or skipped tick honest.
export function samplesOf(profile: CpuProfile, window?: TimeWindow): Sample[] {
  const stacks = stacksById(profile);
  const times: number[] = [];
  let at = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((at += delta));

  const samples: Sample[] = [];
  profile.samples.forEach((id, index) => {
    const atUs = times[index] ?? profile.startTime;
    if (window !== undefined && (atUs < window.fromUs || atUs >= window.toUs)) return;
    const us = Math.max(0, (times[index + 1] ?? profile.endTime) - atUs);
    const stack = stacks.get(id);
    if (stack === undefined) throw new Error(`not a .cpuprofile: sample names unknown node ${id}`);
    samples.push({ stack, atUs, us });
  });
  return samples;
}

// Root first, without the synthetic "(root)" frame every profile starts with.
function stacksById(profile: CpuProfile): Map<number, CallFrame[]> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const stacks = new Map<number, CallFrame[]>();
  for (const node of profile.nodes) {
    const stack: CallFrame[] = [];
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (frame !== undefined && parent.has(id)) stack.push(frame);
    }
    stacks.set(node.id, stack.reverse());
  }
  return stacks;
}
