// Every variant returns the same data: the eager pages equal the lazy pages plus what
// the lazy /max-cpus endpoint answers for all gids. A fast wrong answer is not a result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import { startServerProcess } from '../../bench/run/server-process.ts';
import type { ServerProcess } from '../../bench/run/server-process.ts';
import type { MaxCpusResponse, SettingsPage } from '../../lib/types.ts';
import { variants } from '../../variants/index.ts';
import { openAdminConnection, seededProjects, sharedMysqlUrl } from '../support/database.ts';
import type { SeededProject } from '../support/database.ts';
import { getJson } from '../support/http.ts';

let admin: Connection;
let projects: SeededProject[];
const servers = new Map<string, ServerProcess>();

beforeAll(async () => {
  admin = await openAdminConnection();
  projects = await seededProjects(admin);
  const started = await Promise.all(
    variants.map((variant) => startServerProcess({ variant: variant.name, mysqlUrl: sharedMysqlUrl() })),
  );
  for (const server of started) servers.set(server.name, server);
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.stop()));
  await admin?.end();
});

function server(name: string): ServerProcess {
  const found = servers.get(name);
  if (found === undefined) throw new Error(`no server for ${name}`);
  return found;
}

async function page(variant: string, code: string): Promise<SettingsPage> {
  const response = await getJson(server(variant).url, `/api/projects/${code}/settings`);
  expect(response.status).toBe(200);
  return response.body as SettingsPage;
}

async function maxCpus(variant: string, code: string, gids: readonly number[]): Promise<MaxCpusResponse> {
  const response = await getJson(server(variant).url, `/api/projects/${code}/max-cpus?gids=${gids.join(',')}`);
  expect(response.status).toBe(200);
  return response.body as MaxCpusResponse;
}

describe('every variant answers the same data', () => {
  it('seeded several project sizes', () => {
    expect(projects.length).toBeGreaterThanOrEqual(3);
  });

  // Two pages here start a thread per gid (baseline, wave2-batched): at 120 gids on two
  // busy cores that took 121 s once, past the suite's default 120 s.
  it.each(['small', 'medium', 'large'] as const)('the %s project', { timeout: 300_000 }, async (which) => {
    const project = projects[{ small: 0, medium: Math.floor(projects.length / 2), large: projects.length - 1 }[which]];
    if (project === undefined) throw new Error('no project seeded');

    const optimizedPage = await page('optimized', project.code);
    const gids = optimizedPage.groups.map((group) => group.gid);
    expect(gids).toHaveLength(project.gidCount);
    expect(gids).toEqual([...gids].sort((a, b) => a - b));

    const lazyMaxCpus = await maxCpus('optimized', project.code, gids);
    const byGid = new Map(lazyMaxCpus.maxCpus.map((entry) => [entry.gid, entry.maxCpu]));
    const expectedEager = {
      project: project.code,
      groups: optimizedPage.groups.map((group) => ({ ...group, maxCpu: byGid.get(group.gid) ?? null })),
    };

    // Real data has holes; both kinds must be on the page for this test to mean anything.
    expect(optimizedPage.groups.some((group) => group.settings === null)).toBe(true);
    expect(expectedEager.groups.some((group) => group.maxCpu === null)).toBe(true);
    expect(expectedEager.groups.some((group) => typeof group.maxCpu === 'number')).toBe(true);

    for (const variant of variants) {
      const variantPage = await page(variant.name, project.code);
      expect(variantPage, variant.name).toEqual(variant.maxCpuOnPage === 'eager' ? expectedEager : optimizedPage);
      expect(await maxCpus(variant.name, project.code, gids), variant.name).toEqual(lazyMaxCpus);
    }
  });

  it('answers /max-cpus in the order asked, without duplicates', async () => {
    const project = projects[0];
    if (project === undefined) throw new Error('no project seeded');
    const gids = (await page('optimized', project.code)).groups.map((group) => group.gid);
    const asked = [gids[2], gids[0], gids[2], gids[1]] as number[];
    for (const name of ['baseline', 'optimized']) {
      const answer = await maxCpus(name, project.code, asked);
      expect(answer.maxCpus.map((entry) => entry.gid)).toEqual([gids[2], gids[0], gids[1]]);
    }
  });
});
