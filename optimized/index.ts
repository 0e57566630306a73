import type { Variant } from '../lib/types.ts';
import { getMaxCpus } from './max-cpus.ts';
import { getGroupProfileSettings } from './profile-settings.ts';

export const optimized: Variant = {
  name: 'optimized',
  summary: 'wave 1: max CPU on demand, one grouped query; wave 2: settings in one batched IN query',
  maxCpuOnPage: 'lazy',
  getGroupProfileSettings,
  getMaxCpus,
};
