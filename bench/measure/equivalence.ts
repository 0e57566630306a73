// Before anything is timed, every target must return the same data: eager pages must
// equal the lazy page plus the lazy /max-cpus answer, and every target's /max-cpus must
// give the same max CPU per gid. A fast wrong answer is no result.
import { isDeepStrictEqual } from 'node:util';
import type { MaxCpusResponse, SettingsPage } from '../../lib/types.ts';
import { getHttpJson } from './http-json.ts';

export type ExpectedPages = { readonly lazy: SettingsPage; readonly eager: SettingsPage };

export type Verdict = { readonly identical: true } | { readonly identical: false; readonly detail: string };

async function getJson<T>(url: string): Promise<T> {
  const response = await getHttpJson(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.body as T;
}

// Max CPU for every gid of the page, in as few requests as the server accepts: what the
// lazy page's CPU panel asks for when every group is opened.
export function maxCpusPaths(projectCode: string, gids: readonly number[], maxGidsPerRequest: number): string[] {
  const paths: string[] = [];
  for (let start = 0; start < gids.length; start += maxGidsPerRequest) {
    paths.push(`/api/projects/${projectCode}/max-cpus?gids=${gids.slice(start, start + maxGidsPerRequest).join(',')}`);
  }
  return paths;
}

// Asked of a lazy target, which answers cheaply: the page, then max CPU for all its gids.
export async function expectedPages(lazyUrl: string, projectCode: string, maxGidsPerRequest: number): Promise<ExpectedPages> {
  const lazy = await getJson<SettingsPage>(`${lazyUrl}/api/projects/${projectCode}/settings`);
  const gids = lazy.groups.map((group) => group.gid);
  const answers: MaxCpusResponse[] = [];
  for (const path of maxCpusPaths(projectCode, gids, maxGidsPerRequest)) answers.push(await getJson<MaxCpusResponse>(lazyUrl + path));
  const byGid = maxCpuByGid(answers);
  const eager = { ...lazy, groups: lazy.groups.map((group) => ({ ...group, maxCpu: byGid.get(group.gid) ?? null })) };
  return { lazy, eager };
}

function maxCpuByGid(answers: readonly MaxCpusResponse[]): Map<number, number | null> {
  const byGid = new Map<number, number | null>();
  for (const answer of answers) for (const entry of answer.maxCpus) byGid.set(entry.gid, entry.maxCpu);
  return byGid;
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

// A target's /max-cpus answers, all requests of the page together, against the expected
// max CPU of every gid.
export function compareMaxCpusToExpected(answers: readonly unknown[], expected: ExpectedPages): Verdict {
  const shaped = answers.every((answer) => Array.isArray((answer as MaxCpusResponse | null)?.maxCpus));
  if (!shaped) return { identical: false, detail: 'an answer without a maxCpus list' };
  const byGid = maxCpuByGid(answers as MaxCpusResponse[]);
  if (byGid.size !== expected.eager.groups.length) return { identical: false, detail: `${byGid.size} gids answered instead of ${expected.eager.groups.length}` };
  const wrong = expected.eager.groups.find((group) => byGid.get(group.gid) !== group.maxCpu);
  if (wrong === undefined) return { identical: true };
  return { identical: false, detail: `gid ${wrong.gid}: max CPU ${JSON.stringify(byGid.get(wrong.gid))} instead of ${JSON.stringify(wrong.maxCpu)}` };
}
