// The article in numbers, counted by the database itself: the baseline page costs
// N settings queries plus N max-CPU queries over N new connections from N threads (the
// async-per-gid page the same, from no thread);
// the optimized page costs one lookup plus ceil(N / chunk) batched queries, no threads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import { startServerProcess } from '../../bench/run/server-process.ts';
import type { ServerProcess } from '../../bench/run/server-process.ts';
import { openAdminConnection, seededProjects, serverCounters, sharedMysqlUrl } from '../support/database.ts';
import type { SeededProject, ServerCounters } from '../support/database.ts';
import { getJson } from '../support/http.ts';
import type { JsonResponse } from '../support/http.ts';
import { poolConnectionsOpened } from '../support/pool-connections.ts';

const chunkSize = 32;
let admin: Connection;
let large: SeededProject;
let baseline: ServerProcess;
let optimized: ServerProcess;
let asyncPerGid: ServerProcess;

beforeAll(async () => {
  admin = await openAdminConnection();
  const projects = await seededProjects(admin);
  const last = projects.at(-1);
  if (last === undefined) throw new Error('no project seeded');
  large = last;
  const env = { SETTINGS_CHUNK_SIZE: String(chunkSize) };
  [baseline, optimized, asyncPerGid] = await Promise.all([
    startServerProcess({ variant: 'baseline', mysqlUrl: sharedMysqlUrl(), env }),
    startServerProcess({ variant: 'optimized', mysqlUrl: sharedMysqlUrl(), env }),
    startServerProcess({ variant: 'async-per-gid', mysqlUrl: sharedMysqlUrl(), env }),
  ]);
});

afterAll(async () => {
  await Promise.all([baseline?.stop(), optimized?.stop(), asyncPerGid?.stop()]);
  await admin?.end();
});

async function measured(url: string, path: string): Promise<{ response: JsonResponse; delta: ServerCounters }> {
  // A first request warms the pool, so only the request's own connections are counted.
  await getJson(url, path);
  const before = await serverCounters(admin);
  const response = await getJson(url, path);
  const after = await serverCounters(admin);
  return {
    response,
    delta: { selects: after.selects - before.selects, connections: after.connections - before.connections },
  };
}

describe('work one page load does, counted at the database', () => {
  it('reading the counters does not move them', async () => {
    const before = await serverCounters(admin);
    const after = await serverCounters(admin);
    expect(after).toEqual(before);
  });

  it('baseline: 1 + 2N selects, N new connections, N threads', async () => {
    const n = large.gidCount;
    const { response, delta } = await measured(baseline.url, `/api/projects/${large.code}/settings`);
    expect(response.status).toBe(200);
    expect(delta).toEqual({ selects: 1 + 2 * n, connections: n });
    expect(response.timing).toMatchObject({ queries: 1 + 2 * n, workers: n, connections: n });
  });

  it('async-per-gid: the same 1 + 2N selects over N new connections, from no thread at all', async () => {
    const n = large.gidCount;
    const { response, delta } = await measured(asyncPerGid.url, `/api/projects/${large.code}/settings`);
    expect(response.status).toBe(200);
    expect(delta).toEqual({ selects: 1 + 2 * n, connections: n });
    expect(response.timing).toMatchObject({ queries: 1 + 2 * n, workers: 0, connections: n });
  });

  it('optimized: 1 + ceil(N / chunk) selects over pooled connections, no threads', async () => {
    const n = large.gidCount;
    const batches = Math.ceil(n / chunkSize);
    expect(batches).toBeGreaterThan(1);
    const { response, delta } = await measured(optimized.url, `/api/projects/${large.code}/settings`);
    expect(response.status).toBe(200);
    expect(delta).toEqual({ selects: 1 + batches, connections: 0 });
    expect(response.timing).toMatchObject({ queries: 1 + batches, workers: 0, connections: 0 });
  });

  it('optimized /max-cpus: 1 + ceil(N / chunk) selects, no threads', async () => {
    const page = (await getJson(optimized.url, `/api/projects/${large.code}/settings`)).body as {
      groups: { gid: number }[];
    };
    const gids = page.groups.map((group) => group.gid).join(',');
    const { response, delta } = await measured(optimized.url, `/api/projects/${large.code}/max-cpus?gids=${gids}`);
    expect(response.status).toBe(200);
    const batches = Math.ceil(large.gidCount / chunkSize);
    expect(delta).toEqual({ selects: 1 + batches, connections: 0 });
    expect(response.timing).toMatchObject({ queries: 1 + batches, workers: 0 });
  });

  it('counts the connections a pool opens against the requests that opened them', async () => {
    // A fresh server's pool holds one connection; four pages at once make it open more.
    const fresh = await startServerProcess({ variant: 'optimized', mysqlUrl: sharedMysqlUrl() });
    try {
      const { counted, reported } = await poolConnectionsOpened(admin, fresh.url, `/api/projects/${large.code}/settings`);
      expect(counted).toBeGreaterThan(0);
      expect(reported).toBe(counted);
    } finally {
      await fresh.stop();
    }
  });
});
