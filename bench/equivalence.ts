// Before anything is timed, every variant must return the same data: eager pages must
// equal the lazy page plus the lazy /max-cpus answer. A fast wrong answer is no result.
import { isDeepStrictEqual } from 'node:util';
import type { MaxCpusResponse, SettingsPage, Variant } from '../lib/types.ts';

export type Target = { readonly variant: Variant; readonly url: string };

export type EquivalenceResult =
  | { readonly identical: true }
  | { readonly identical: false; readonly variant: string; readonly detail: string };

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

function withMaxCpus(page: SettingsPage, maxCpus: MaxCpusResponse): SettingsPage {
  const byGid = new Map(maxCpus.maxCpus.map((entry) => [entry.gid, entry.maxCpu]));
  return { ...page, groups: page.groups.map((group) => ({ ...group, maxCpu: byGid.get(group.gid) ?? null })) };
}

// The reference is the first lazy variant (cheap to ask); every other variant is checked against it.
export async function checkEquivalence(
  targets: readonly Target[],
  projectCode: string,
  maxGidsPerRequest: number,
): Promise<EquivalenceResult> {
  const reference = targets.find((target) => target.variant.maxCpuOnPage === 'lazy') ?? targets[0];
  if (reference === undefined) return { identical: true };
  const lazyPage = await getJson<SettingsPage>(`${reference.url}/api/projects/${projectCode}/settings`);
  const gids = lazyPage.groups.map((group) => group.gid);

  const answers: MaxCpusResponse['maxCpus'][number][] = [];
  for (let start = 0; start < gids.length; start += maxGidsPerRequest) {
    const part = gids.slice(start, start + maxGidsPerRequest).join(',');
    const answer = await getJson<MaxCpusResponse>(`${reference.url}/api/projects/${projectCode}/max-cpus?gids=${part}`);
    answers.push(...answer.maxCpus);
  }
  const expectedEager = withMaxCpus(lazyPage, { project: projectCode, maxCpus: answers });

  for (const target of targets) {
    const page = await getJson<SettingsPage>(`${target.url}/api/projects/${projectCode}/settings`);
    const expected = target.variant.maxCpuOnPage === 'eager' ? expectedEager : lazyPage;
    if (!isDeepStrictEqual(page, expected)) {
      return { identical: false, variant: target.variant.name, detail: firstDifference(page, expected) };
    }
  }
  return { identical: true };
}

function firstDifference(actual: SettingsPage, expected: SettingsPage): string {
  if (actual.groups.length !== expected.groups.length) {
    return `${actual.groups.length} groups instead of ${expected.groups.length}`;
  }
  const index = actual.groups.findIndex((group, at) => !isDeepStrictEqual(group, expected.groups[at]));
  return `gid ${expected.groups[index]?.gid}: ${JSON.stringify(actual.groups[index])} instead of ${JSON.stringify(expected.groups[index])}`;
}
