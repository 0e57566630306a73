// Every runnable point of the story. baseline/ and optimized/ hold the two ends; the
// steps between are the same strategies recombined, so each wave can be measured alone.
import { baseline } from '../baseline/index.ts';
import { optimized } from '../optimized/index.ts';
import type { Variant } from '../lib/types.ts';
import { getMaxCpus as getMaxCpusFromThreadPool } from './thread-pool/max-cpus.ts';

const wave1Lazy: Variant = {
  name: 'wave1-lazy',
  summary: 'wave 1 only: max CPU on demand (one grouped query); settings still N+1',
  maxCpuOnPage: 'lazy',
  getGroupProfileSettings: baseline.getGroupProfileSettings,
  getMaxCpus: optimized.getMaxCpus,
};

const wave2Batched: Variant = {
  name: 'wave2-batched',
  summary: 'wave 2 only: settings batched; max CPU still eager, a new thread per gid',
  maxCpuOnPage: 'eager',
  getGroupProfileSettings: optimized.getGroupProfileSettings,
  getMaxCpus: baseline.getMaxCpus,
};

const threadPool: Variant = {
  name: 'thread-pool',
  summary: 'the article\'s "a thread pool would be cheaper": max CPU eager from reused threads; settings N+1',
  maxCpuOnPage: 'eager',
  getGroupProfileSettings: baseline.getGroupProfileSettings,
  getMaxCpus: getMaxCpusFromThreadPool,
};

// In the order a workshop walks them.
export const variants: readonly Variant[] = [baseline, threadPool, wave1Lazy, wave2Batched, optimized];

export function findVariant(name: string): Variant | undefined {
  return variants.find((variant) => variant.name === name);
}

export const variantNames: readonly string[] = variants.map((variant) => variant.name);
