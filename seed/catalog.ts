// Everything except the CPU samples, drawn from one seeded faker instance: projects,
// their groups (gids), each gid's profile settings and CPU load profile. The order of
// faker calls is part of the data: reordering them changes every byte after them.
import { Faker, en } from '@faker-js/faker';
import { cpuProfile } from './cpu-series.ts';
import type { CpuProfile } from './cpu-series.ts';

export type ThreadSettings = {
  readonly maxThreads: number;
  readonly sampleRateHz: number;
  readonly includeNative: boolean;
  readonly stackDepth: number;
  // A regular expression: real settings carry backslashes, which the TSV escaping must survive.
  readonly threadNameFilter: string | null;
};

export type SettingsSpec = {
  readonly tagIndexes: readonly number[] | null;
  readonly interval: number;
  readonly status: 'enabled' | 'paused' | 'disabled';
  readonly profileMachines: readonly string[];
  readonly threadSettings: ThreadSettings;
};

export type GroupSpec = {
  readonly gid: number;
  readonly name: string;
  readonly settings: SettingsSpec | null; // null: the gid has no profile_settings row
  readonly cpu: CpuProfile | null; // null: the gid has no cpu_samples
};

export type ProjectSpec = {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly groups: readonly GroupSpec[];
};

// Where the fixed date comes from: samples start here and faker's date helpers use it
// instead of "now", so the same seed gives the same bytes on any day.
export const REFERENCE_DATE = '2026-01-01T00:00:00Z';

// Real fleets have gids that were never configured and gids that never reported.
const MISSING_SHARE = 0.03;
// Tests rely on both kinds existing in every project at least this large.
const MIN_SIZE_WITH_MISSING = 30;

const SUFFIXES = [['api', 'API'], ['service', 'Service'], ['gateway', 'Gateway'], ['worker', 'Worker'], ['web', 'Web']] as const;
const ROLES = ['web-frontend', 'api', 'worker', 'batch', 'cache', 'ingest', 'search', 'scheduler'] as const;
// Busiest UTC hour per region, so the daily curves of one project are not all in phase.
const PEAK_HOUR_UTC = { eu: 13, us: 19, ap: 5 } as const;
const REGIONS = Object.keys(PEAK_HOUR_UTC) as (keyof typeof PEAK_HOUR_UTC)[];
const THREAD_NAME_FILTERS = [null, '^http-nio-\\d+-exec-\\d+$', '^grpc-default-executor-\\d+$', 'worker-\\d+', '^main$'] as const;

export function createFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  faker.setDefaultRefDate(REFERENCE_DATE);
  return faker;
}

export function generateProjects(faker: Faker, sizes: readonly number[]): ProjectSpec[] {
  const codes = new Set<string>();
  return sizes.map((size, index) => {
    const id = index + 1;
    const { code, name } = projectIdentity(faker, codes, id);
    return { id, code, name, groups: generateGroups(faker, size) };
  });
}

// Codes like `grocery-api`: lowercase [a-z0-9-], unique; a numeric suffix settles the
// rare collision once the department × suffix combinations run out.
function projectIdentity(faker: Faker, taken: Set<string>, id: number): { code: string; name: string } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const department = faker.commerce.department();
    const [suffix, suffixTitle] = faker.helpers.arrayElement(SUFFIXES);
    const code = `${department.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${suffix}`;
    if (!taken.has(code)) {
      taken.add(code);
      return { code, name: `${department} ${suffixTitle}` };
    }
  }
  const code = `project-${id}`;
  taken.add(code);
  return { code, name: `Project ${id}` };
}

function generateGroups(faker: Faker, size: number): GroupSpec[] {
  const gids = uniqueSortedGids(faker, size);
  const missing = size >= MIN_SIZE_WITH_MISSING ? Math.max(1, Math.round(size * MISSING_SHARE)) : 0;
  // Drawn independently: a gid may miss its settings, its samples, or both.
  const withoutSettings = new Set(faker.helpers.arrayElements(gids, missing));
  const withoutSamples = new Set(faker.helpers.arrayElements(gids, missing));
  return gids.map((gid) => {
    const role = faker.helpers.arrayElement(ROLES);
    const region = faker.helpers.arrayElement(REGIONS);
    const name = `${role}-${region}-${faker.number.int({ min: 1, max: 12 })}`;
    const settings = withoutSettings.has(gid) ? null : generateSettings(faker, role, region);
    const cpu = withoutSamples.has(gid) ? null : cpuProfile(faker, PEAK_HOUR_UTC[region]);
    return { gid, name, settings, cpu };
  });
}

// Five-digit gids while they fit; larger projects widen the range. Sorted, so that
// cpu_samples is written in primary-key order.
function uniqueSortedGids(faker: Faker, size: number): number[] {
  const max = Math.max(99_999, 10_000 + size * 2);
  const gids = new Set<number>();
  while (gids.size < size) gids.add(faker.number.int({ min: 10_000, max }));
  return [...gids].sort((a, b) => a - b);
}

function generateSettings(faker: Faker, role: string, region: string): SettingsSpec {
  const tagIndexes = faker.datatype.boolean({ probability: 0.15 })
    ? null
    : faker.helpers.arrayElements([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], { min: 0, max: 5 }).sort((a, b) => a - b);
  return {
    tagIndexes,
    interval: faker.helpers.weightedArrayElement([
      { weight: 20, value: 10 },
      { weight: 35, value: 30 },
      { weight: 35, value: 60 },
      { weight: 10, value: 300 },
    ]),
    status: faker.helpers.weightedArrayElement([
      { weight: 80, value: 'enabled' as const },
      { weight: 12, value: 'paused' as const },
      { weight: 8, value: 'disabled' as const },
    ]),
    profileMachines: faker.helpers.multiple(
      () => `${role}-${faker.string.hexadecimal({ length: 6, casing: 'lower', prefix: '' })}.${region}.prod.internal`,
      { count: { min: 1, max: 6 } },
    ),
    threadSettings: {
      maxThreads: faker.helpers.arrayElement([4, 8, 16, 32, 64]),
      sampleRateHz: faker.helpers.arrayElement([19, 49, 99, 199]),
      includeNative: faker.datatype.boolean({ probability: 0.3 }),
      stackDepth: faker.helpers.arrayElement([64, 128, 256, 512]),
      threadNameFilter: faker.helpers.arrayElement(THREAD_NAME_FILTERS),
    },
  };
}
