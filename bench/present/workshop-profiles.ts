// What the reference's CPU flame graphs show, as figures the workshop can quote: the
// share of a variant's sampled CPU time spent under one function. Read from the folded
// stacks `make profile` writes (bench/tools/cpu-profile/outputs.ts), the same data the
// SVG draws, so a sentence about a tower is checked against the tower.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

// Folded stacks: "frame;frame;frame weight", one line per distinct stack.
export type FoldedStacks = ReadonlyMap<string, number>;

export function parseFolded(text: string): FoldedStacks {
  const stacks = new Map<string, number>();
  for (const line of text.split('\n')) {
    const cut = line.lastIndexOf(' ');
    if (cut <= 0) continue;
    const weight = Number(line.slice(cut + 1));
    if (!Number.isFinite(weight)) throw new Error(`not a folded line: ${line.slice(0, 80)}`);
    stacks.set(line.slice(0, cut), weight);
  }
  return stacks;
}

// A frame is "<function> <file>:<line>"; the function names it whatever moved around it.
function hasFunction(stack: string, fn: string): boolean {
  return stack.split(';').some((frame) => frame === fn || frame.startsWith(`${fn} `));
}

export function totalWeight(stacks: FoldedStacks): number {
  let total = 0;
  for (const weight of stacks.values()) total += weight;
  return total;
}

// Share of all sampled time whose stack holds the function anywhere (self and below).
export function shareUnder(stacks: FoldedStacks, fn: string): number {
  const total = totalWeight(stacks);
  if (total === 0) throw new Error('the profile holds no samples');
  let under = 0;
  for (const [stack, weight] of stacks) if (hasFunction(stack, fn)) under += weight;
  return under / total;
}

// The flame graphs of a reference folder, by variant: <variant>-<gids>gids.folded in
// <reference>/profiles. A variant without one is simply absent.
export async function readProfiles(referenceDir: string, gids: number, variants: readonly string[]): Promise<Map<string, FoldedStacks>> {
  const profiles = new Map<string, FoldedStacks>();
  for (const variant of variants) {
    const text = await readFile(join(referenceDir, 'profiles', `${variant}-${gids}gids.folded`), 'utf8').catch(() => undefined);
    if (text !== undefined) profiles.set(variant, parseFolded(text));
  }
  return profiles;
}
