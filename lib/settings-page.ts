// What both routes do, whatever the variant: find the project, then ask the variant's
// strategies. Only the strategies differ between baseline and optimized.
import { findProject } from './project.ts';
import type { DataAccess, GroupEntry, Gid, MaxCpusResponse, SettingsPage, Variant } from './types.ts';

export async function loadSettingsPage(
  db: DataAccess,
  variant: Variant,
  projectCode: string,
): Promise<SettingsPage | undefined> {
  const project = await findProject(db, projectCode);
  if (project === undefined) return undefined;
  const gids = project.groups.map((group) => group.gid);

  const profileSettings = await variant.getGroupProfileSettings(db, project.code, gids);
  const maxCpus = variant.maxCpuOnPage === 'eager' ? await variant.getMaxCpus(db, project, gids) : undefined;

  const groups = project.groups.map((group): GroupEntry => {
    const entry = { gid: group.gid, name: group.name, settings: profileSettings.get(group.gid) ?? null };
    return maxCpus === undefined ? entry : { ...entry, maxCpu: maxCpus.get(group.gid) ?? null };
  });
  return { project: project.code, groups };
}

export type MaxCpusResult =
  | { readonly kind: 'ok'; readonly body: MaxCpusResponse }
  | { readonly kind: 'unknown-project' }
  | { readonly kind: 'unknown-gids'; readonly gids: readonly Gid[] };

export async function loadMaxCpus(
  db: DataAccess,
  variant: Variant,
  projectCode: string,
  gids: readonly Gid[],
): Promise<MaxCpusResult> {
  const project = await findProject(db, projectCode);
  if (project === undefined) return { kind: 'unknown-project' };
  const known = new Set(project.groups.map((group) => group.gid));
  const unknown = gids.filter((gid) => !known.has(gid));
  if (unknown.length > 0) return { kind: 'unknown-gids', gids: unknown };

  const maxCpus = await variant.getMaxCpus(db, project, gids);
  const body = { project: project.code, maxCpus: gids.map((gid) => ({ gid, maxCpu: maxCpus.get(gid) ?? null })) };
  return { kind: 'ok', body };
}
