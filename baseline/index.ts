import type { Variant } from '../lib/types.ts';
import { getMaxCpus } from './max-cpus.ts';
import { getGroupProfileSettings } from './profile-settings.ts';

export const baseline: Variant = {
  name: 'baseline',
  summary: 'max CPU on the page, a new thread per gid; settings one query per gid (N+1)',
  maxCpuOnPage: 'eager',
  getGroupProfileSettings,
  getMaxCpus,
};
