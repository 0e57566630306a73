import type { Pool } from 'mysql2/promise';

export type Gid = number;

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

// One row of profile_settings, in the shape the article's loop builds.
export type ProfileSettings = {
  readonly tagIndexes: Json;
  readonly interval: number;
  readonly status: string;
  readonly profileMachines: Json;
  readonly threadSettings: Json;
};

export type Project = {
  readonly id: number;
  readonly code: string;
  readonly groups: readonly { readonly gid: Gid; readonly name: string }[];
};

// A gid absent from a map has no row (settings) or no samples (max CPU).
export type ProfileSettingsByGid = ReadonlyMap<Gid, ProfileSettings>;
export type MaxCpuByGid = ReadonlyMap<Gid, number>;

// What every strategy receives: the shared pool plus the knobs strategies may need.
export type DataAccess = {
  readonly pool: Pool;
  // Needed by strategies that open their own connections (the baseline's workers).
  readonly url: string;
  readonly connectTimeoutMs: number;
  readonly chunkSize: number;
  readonly threadPoolSize: number;
  // Resources a strategy creates on first use (a thread pool) are closed with the server.
  readonly closers: (() => Promise<void>)[];
};

export type GetGroupProfileSettings = (
  db: DataAccess,
  projectCode: string,
  gids: readonly Gid[],
) => Promise<ProfileSettingsByGid>;

export type GetMaxCpus = (db: DataAccess, project: Project, gids: readonly Gid[]) => Promise<MaxCpuByGid>;

// A variant is the article's code at one point of the story: which strategy loads
// the settings, which loads max CPU, and whether the page waits for max CPU.
export type Variant = {
  readonly name: string;
  readonly summary: string;
  readonly maxCpuOnPage: 'eager' | 'lazy';
  readonly getGroupProfileSettings: GetGroupProfileSettings;
  readonly getMaxCpus: GetMaxCpus;
};

export type GroupEntry = {
  readonly gid: Gid;
  readonly name: string;
  readonly settings: ProfileSettings | null;
  // Present only when the page computes max CPU eagerly; null when a gid has no samples.
  readonly maxCpu?: number | null;
};

export type SettingsPage = { readonly project: string; readonly groups: readonly GroupEntry[] };

export type MaxCpusResponse = {
  readonly project: string;
  readonly maxCpus: readonly { readonly gid: Gid; readonly maxCpu: number | null }[];
};
