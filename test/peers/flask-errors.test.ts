// Bad input and a missing database, on the Flask peer: the same JSON 400/404/503 as our
// servers (test/api/bad-input.test.ts, database-down.test.ts), never a traceback, data intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import { startDatabase } from '../../bench/tools/db/index.ts';
import type { Database } from '../../bench/tools/db/types.ts';
import type { TargetProcess } from '../../bench/run/target-process.ts';
import { parseConfig } from '../../lib/config.ts';
import type { FlaskStage } from '../../peers/flask/target.ts';
import { openAdminConnection, seededProjects, sharedMysqlUrl } from '../support/database.ts';
import type { SeededProject } from '../support/database.ts';
import { requireFlaskPeer, skipFlaskPeer, startFlaskPeer } from '../support/flask-peer.ts';
import { expectHostileInputRefused } from '../support/hostile-input.ts';
import { getJson } from '../support/http.ts';
import { localServerMissing } from '../support/local-server.ts';

const gidLimit = 50;
// Both kinds of max CPU: threads on their own connections, and the pooled grouped query.
const stages: readonly FlaskStage[] = ['before', 'after'];
let admin: Connection;
let project: SeededProject;
let gids: number[];
const peers = new Map<FlaskStage, TargetProcess>();

beforeAll(async () => {
  if (skipFlaskPeer) return;
  requireFlaskPeer();
  admin = await openAdminConnection();
  const first = (await seededProjects(admin))[0];
  if (first === undefined) throw new Error('no project seeded');
  project = first;
  const env = { MAX_GIDS_PER_REQUEST: String(gidLimit) };
  for (const stage of stages) peers.set(stage, await startFlaskPeer(stage, sharedMysqlUrl(), env));
  const page = (await getJson(peers.get('after')!.url, `/api/projects/${project.code}/settings`)).body as {
    groups: { gid: number }[];
  };
  gids = page.groups.map((group) => group.gid);
});

afterAll(async () => {
  await Promise.all([...peers.values()].map((peer) => peer.stop()));
  await admin?.end();
});

describe.skipIf(skipFlaskPeer).each(stages)('flask-%s, bad input', (stage) => {
  const url = (): string => peers.get(stage)!.url;

  it('unknown project: 404 JSON on both routes, with Server-Timing', async () => {
    for (const path of ['/api/projects/no-such-project/settings', '/api/projects/no-such-project/max-cpus?gids=1']) {
      const response = await getJson(url(), path);
      expect(response.status).toBe(404);
      expect(response.contentType).toMatch(/application\/json/);
      expect(response.body).toEqual({ error: 'not_found', message: 'no project "no-such-project"' });
      expect(response.timing).toMatchObject({ queries: 1, workers: 0 });
    }
  });

  it('gids that are not in the project: 404 naming them', async () => {
    const response = await getJson(url(), `/api/projects/${project.code}/max-cpus?gids=${gids[0]},4000000000`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'not_found', message: `1 gid(s) not in project "${project.code}"`, gids: [4000000000] });
  });

  it.each([
    ['no gids', '?', 'gids is required once: ?gids=1,2,3'],
    ['empty gids', '?gids=', 'gids is required once: ?gids=1,2,3'],
    ['a gid twice as a parameter', '?gids=1&gids=2', 'gids is required once: ?gids=1,2,3'],
    ['a word', '?gids=1,abc', 'gid "abc" is not a positive integer'],
    ['a negative gid', '?gids=-5', 'gid "-5" is not a positive integer'],
    ['zero', '?gids=0', 'gid "0" is not a positive integer'],
    ['a trailing comma', '?gids=1,', 'gid "" is not a positive integer'],
    ['too large a number', '?gids=99999999999', 'gid "99999999999" is not a positive integer'],
    ['a fraction', '?gids=1.5', 'gid "1.5" is not a positive integer'],
    ['a digit from another script', '?gids=%D9%A3', 'gid "٣" is not a positive integer'],
  ])('malformed gid list (%s): 400 JSON, before any SQL', async (_name, query, message) => {
    const response = await getJson(url(), `/api/projects/${project.code}/max-cpus${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'bad_request', message });
    expect(response.timing).toMatchObject({ queries: 0 });
  });

  it('more than MAX_GIDS_PER_REQUEST gids: 400', async () => {
    const tooMany = Array.from({ length: gidLimit + 1 }, (_, index) => index + 1).join(',');
    const response = await getJson(url(), `/api/projects/${project.code}/max-cpus?gids=${tooMany}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'bad_request', message: `at most ${gidLimit} gids per request, got ${gidLimit + 1}` });
  });

  it('hostile strings in the code and in gids: 400/404, data intact, server healthy', () =>
    expectHostileInputRefused(url(), project.code, admin));

  it('unknown route, or a known one with another method: 404 JSON', async () => {
    const response = await getJson(url(), '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'not_found', message: 'no route GET /api/nothing-here' });
    const posted = await fetch(`${url()}/health`, { method: 'POST' });
    expect(posted.status).toBe(404);
    expect(await posted.json()).toMatchObject({ error: 'not_found' });
  });
});

// Its own server process, started and stopped: a Docker-only machine has no binary for it.
const noLocalServer = skipFlaskPeer ? undefined : await localServerMissing();

describe.skipIf(skipFlaskPeer || noLocalServer !== undefined)('flask peer, database stopped', () => {
  let database: Database;
  const stopped = new Map<FlaskStage, TargetProcess>();

  beforeAll(async () => {
    // Its own throwaway server: the shared one must keep running for the other tests.
    const config = parseConfig([], { ...process.env, DB_PROVIDER: 'local', MYSQL_URL: '' });
    if (config.kind !== 'config') throw new Error('bad test config');
    database = await startDatabase(config.config, () => undefined);
    for (const stage of stages) stopped.set(stage, await startFlaskPeer(stage, database.url));
    await database.stop();
  });

  afterAll(async () => {
    await Promise.all([...stopped.values()].map((peer) => peer.stop()));
    await database?.stop();
  });

  it.each(stages)('flask-%s answers 503 JSON on both routes', async (stage) => {
    for (const path of ['/api/projects/any-project/settings', '/api/projects/any-project/max-cpus?gids=1,2']) {
      const response = await getJson(stopped.get(stage)!.url, path);
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ error: 'database_unavailable', message: 'the database cannot be reached; retry later' });
    }
  });

  it('started against it, the peer exits 1 with one line, no traceback, no password', async () => {
    const failure = await startFlaskPeer('after', database.url).then(
      async (peer) => {
        await peer.stop();
        return new Error('expected the peer to refuse to start');
      },
      (error: Error) => error,
    );
    expect(failure.message).toMatch(/exited before ready \(code 1\): error: cannot reach the database at MYSQL_URL: 2003/);
    expect(failure.message).not.toMatch(/Traceback/);
    const password = new URL(database.url).password;
    if (password !== '') expect(failure.message).not.toContain(password);
  });
});
