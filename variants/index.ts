// Every runnable point of the story. baseline/ and optimized/ hold the two ends; the
// steps between are the same strategies recombined, so each wave can be measured alone.
import { baseline } from '../baseline/index.ts';
import { optimized } from '../optimized/index.ts';
import type { Variant } from '../lib/types.ts';
import { getMaxCpus as getMaxCpusFromAsyncTasks } from './async-per-gid/max-cpus.ts';
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

// The article's design without Node's price for a thread: the same "before" and its
// wave 2 alone, with an async task per gid. Its wave 1 alone is wave1-lazy: deferring
// max CPU removes the tasks just as it removes the threads.
const asyncPerGid: Variant = {
  name: 'async-per-gid',
  summary: 'max CPU on the page, a concurrent async task per gid on a new connection each; settings N+1',
  maxCpuOnPage: 'eager',
  getGroupProfileSettings: baseline.getGroupProfileSettings,
  getMaxCpus: getMaxCpusFromAsyncTasks,
};

const asyncWave2Batched: Variant = {
  name: 'async-wave2-batched',
  summary: 'wave 2 only, on async-per-gid: settings batched; max CPU still an async task per gid',
  maxCpuOnPage: 'eager',
  getGroupProfileSettings: optimized.getGroupProfileSettings,
  getMaxCpus: getMaxCpusFromAsyncTasks,
};

// In the order a workshop walks them.
export const variants: readonly Variant[] = [
  baseline, threadPool, asyncPerGid, wave1Lazy, wave2Batched, asyncWave2Batched, optimized,
];

export function findVariant(name: string): Variant | undefined {
  return variants.find((variant) => variant.name === name);
}

export const variantNames: readonly string[] = variants.map((variant) => variant.name);
