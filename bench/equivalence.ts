// Before anything is timed, every target must return the same data: eager pages must
// equal the lazy page plus the lazy /max-cpus answer. A fast wrong answer is no result.
import { isDeepStrictEqual } from 'node:util';
import type { MaxCpusResponse, SettingsPage } from '../lib/types.ts';
import { getHttpJson } from './http-json.ts';

export type ExpectedPages = { readonly lazy: SettingsPage; readonly eager: SettingsPage };

export type Verdict = { readonly identical: true } | { readonly identical: false; readonly detail: string };

async function getJson<T>(url: string): Promise<T> {
  const response = await getHttpJson(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.body as T;
}

// Asked of a lazy target, which answers cheaply: the page, then max CPU for all its gids.
export async function expectedPages(lazyUrl: string, projectCode: string, maxGidsPerRequest: number): Promise<ExpectedPages> {
  const lazy = await getJson<SettingsPage>(`${lazyUrl}/api/projects/${projectCode}/settings`);
  const gids = lazy.groups.map((group) => group.gid);
  const byGid = new Map<number, number | null>();
  for (let start = 0; start < gids.length; start += maxGidsPerRequest) {
    const part = gids.slice(start, start + maxGidsPerRequest).join(',');
    const answer = await getJson<MaxCpusResponse>(`${lazyUrl}/api/projects/${projectCode}/max-cpus?gids=${part}`);
    for (const entry of answer.maxCpus) byGid.set(entry.gid, entry.maxCpu);
  }
  const eager = { ...lazy, groups: lazy.groups.map((group) => ({ ...group, maxCpu: byGid.get(group.gid) ?? null })) };
  return { lazy, eager };
}

export function compareToExpected(
  target: { readonly maxCpuOnPage: 'eager' | 'lazy' },
  page: unknown,
  expected: ExpectedPages,
): Verdict {
  const wanted = target.maxCpuOnPage === 'eager' ? expected.eager : expected.lazy;
  if (isDeepStrictEqual(page, wanted)) return { identical: true };
  const actual = page as SettingsPage;
  if (!Array.isArray(actual?.groups) || actual.groups.length !== wanted.groups.length) {
    return { identical: false, detail: `${actual?.groups?.length ?? 'no'} groups instead of ${wanted.groups.length}` };
  }
  const index = actual.groups.findIndex((group, at) => !isDeepStrictEqual(group, wanted.groups[at]));
  const got = JSON.stringify(actual.groups[index]);
  return { identical: false, detail: `gid ${wanted.groups[index]?.gid}: ${got} instead of ${JSON.stringify(wanted.groups[index])}` };
}
