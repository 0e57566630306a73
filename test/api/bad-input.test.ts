// Bad input is answered with a JSON 400 or 404 before any SQL runs, on every variant,
// and hostile strings leave the data exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import { startServerProcess } from '../../bench/run/server-process.ts';
import type { ServerProcess } from '../../bench/run/server-process.ts';
import { openAdminConnection, seededProjects, sharedMysqlUrl } from '../support/database.ts';
import type { SeededProject } from '../support/database.ts';
import { expectHostileInputRefused } from '../support/hostile-input.ts';
import { getJson } from '../support/http.ts';

const gidLimit = 50;
let admin: Connection;
let project: SeededProject;
let gids: number[];
let servers: ServerProcess[] = [];

beforeAll(async () => {
  admin = await openAdminConnection();
  const first = (await seededProjects(admin))[0];
  if (first === undefined) throw new Error('no project seeded');
  project = first;
  const env = { MAX_GIDS_PER_REQUEST: String(gidLimit) };
  servers = await Promise.all(
    ['baseline', 'optimized'].map((variant) => startServerProcess({ variant, mysqlUrl: sharedMysqlUrl(), env })),
  );
  const page = (await getJson(servers[1]!.url, `/api/projects/${project.code}/settings`)).body as {
    groups: { gid: number }[];
  };
  gids = page.groups.map((group) => group.gid);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await admin?.end();
});

describe.each(['baseline', 'optimized'])('%s', (variant) => {
  const url = (): string => servers.find((server) => server.name === variant)!.url;

  it('unknown project: 404 JSON on both routes', async () => {
    for (const path of ['/api/projects/no-such-project/settings', '/api/projects/no-such-project/max-cpus?gids=1']) {
      const response = await getJson(url(), path);
      expect(response.status).toBe(404);
      expect(response.contentType).toMatch(/application\/json/);
      expect(response.body).toMatchObject({ error: 'not_found' });
    }
  });

  it('gids that are not in the project: 404 naming them', async () => {
    const response = await getJson(url(), `/api/projects/${project.code}/max-cpus?gids=${gids[0]},4000000000`);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found', gids: [4000000000] });
  });

  it.each([
    ['no gids', '?'],
    ['empty gids', '?gids='],
    ['a gid twice as a parameter', '?gids=1&gids=2'],
    ['a word', '?gids=1,abc'],
    ['a negative gid', '?gids=-5'],
    ['zero', '?gids=0'],
    ['a trailing comma', '?gids=1,'],
    ['too large a number', '?gids=99999999999'],
    ['a fraction', '?gids=1.5'],
  ])('malformed gid list (%s): 400 JSON', async (_name, query) => {
    const response = await getJson(url(), `/api/projects/${project.code}/max-cpus${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'bad_request' });
  });

  it(`more than the documented limit of gids: 400`, async () => {
    const tooMany = Array.from({ length: gidLimit + 1 }, (_, index) => index + 1).join(',');
    const response = await getJson(url(), `/api/projects/${project.code}/max-cpus?gids=${tooMany}`);
    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toContain(`at most ${gidLimit}`);
  });

  it('hostile strings in the code and in gids: 400/404, data intact, server healthy', () =>
    expectHostileInputRefused(url(), project.code, admin));

  it('unknown route: 404 JSON', async () => {
    const response = await getJson(url(), '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'not_found' });
  });
});
