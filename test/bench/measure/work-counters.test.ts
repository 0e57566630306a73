// The work counter against the shared test database, checked three ways: against what
// the servers under test say of themselves (Server-Timing), against the article's
// arithmetic (1 + 2N statements for the baseline page), and, for bytes, against the
// bytes a client of our own really received on its socket.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDatabase } from '../../../bench/tools/db/index.ts';
import { startServerProcess } from '../../../bench/run/server-process.ts';
import type { ServerProcess } from '../../../bench/run/server-process.ts';
import { openWorkCounter } from '../../../bench/measure/work-counters.ts';
import type { WorkCounter } from '../../../bench/measure/work-counters.ts';
import { openAdminConnection, seededProjects, sharedMysqlUrl } from '../../support/database.ts';
import type { SeededProject } from '../../support/database.ts';
import { configFrom } from '../tools/db/helpers.ts';
import { skipWithoutLocalServer } from '../../support/local-server.ts';

const chunkSize = 32;
let counter: WorkCounter;
let large: SeededProject;
let baseline: ServerProcess;
let optimized: ServerProcess;

beforeAll(async () => {
  counter = await openWorkCounter(sharedMysqlUrl());
  const admin = await openAdminConnection();
  large = (await seededProjects(admin)).at(-1) ?? (() => { throw new Error('no project seeded'); })();
  await admin.end();
  const env = { SETTINGS_CHUNK_SIZE: String(chunkSize) };
  [baseline, optimized] = await Promise.all([
    startServerProcess({ variant: 'baseline', mysqlUrl: sharedMysqlUrl(), env }),
    startServerProcess({ variant: 'optimized', mysqlUrl: sharedMysqlUrl(), env }),
  ]);
  // Warm pools: only the counted requests' own connections are new.
  for (const server of [baseline, optimized]) await fetch(`${server.url}/api/projects/${large.code}/settings`);
});

afterAll(async () => {
  await Promise.all([baseline?.stop(), optimized?.stop()]);
  await counter?.close();
});

describe('the work counter', () => {
  it('reads statement digests on a server the harness started', () => {
    // A MYSQL_URL database of your own may keep none; the harness then says why.
    if (process.env['MYSQL_URL'] === undefined) expect(counter.digests).toEqual({ available: true });
  });

  it('counts nothing for a request that does no database work: its own readings cost nothing', async () => {
    const { work, disagreements } = await counter.countRequests([`${optimized.url}/health`], optimized.pid);
    expect(work).toMatchObject({ statements: 0, statementsByKind: {}, newConnections: 0, rowsRead: 0, bytesSent: 0 });
    if (work.fingerprints !== null) expect(work.fingerprints).toEqual([]);
    expect(disagreements).toEqual([]);
  });

  it('baseline page: 1 + 2N SELECTs over N new connections from N threads, the N + 1 named', async () => {
    const n = large.gidCount;
    const { responses, work, disagreements } = await counter.countRequests([`${baseline.url}/api/projects/${large.code}/settings`], baseline.pid);
    expect(responses[0]?.status).toBe(200);
    expect(work).toMatchObject({ statements: 1 + 2 * n, statementsByKind: { select: 1 + 2 * n }, newConnections: n, workers: n, reportedQueries: 1 + 2 * n });
    expect(disagreements).toEqual([]);
    if (work.fingerprints === null) return;
    // The server writes some names as keywords (MariaDB: NAME, STATUS); case aside, these are ours.
    const counts = work.fingerprints.map((entry) => [entry.fingerprint.toLowerCase(), entry.count]);
    expect(counts).toHaveLength(3);
    expect(counts).toContainEqual([expect.stringMatching(/ from projects p left join project_groups g on g.project_id = p.id where p.code = \? order by g.gid$/), 1]);
    expect(counts).toContainEqual([expect.stringMatching(/ from profile_settings where name = \? limit \?$/), n]);
    expect(counts).toContainEqual(['select max(cpu_percent) as max_cpu from cpu_samples where project_id = ? and gid = ?', n]);
  });

  it('optimized page and /max-cpus: 1 + ceil(N / chunk) each, no threads, no new connections', async () => {
    const batches = Math.ceil(large.gidCount / chunkSize);
    const page = await counter.countRequests([`${optimized.url}/api/projects/${large.code}/settings`], optimized.pid);
    expect(page.work).toMatchObject({ statements: 1 + batches, newConnections: 0, workers: 0, reportedQueries: 1 + batches });
    expect(page.disagreements).toEqual([]);
    const gids = (JSON.parse(page.responses[0]?.text ?? '{}') as { groups: { gid: number }[] }).groups.map((group) => group.gid);
    // Two requests of half the gids each: figures are per request.
    const half = Math.ceil(gids.length / 2);
    const paths = [gids.slice(0, half), gids.slice(half)].map((part) => `${optimized.url}/api/projects/${large.code}/max-cpus?gids=${part.join(',')}`);
    const maxCpus = await counter.countRequests(paths, optimized.pid);
    expect(maxCpus.work.statements).toBe(1 + Math.ceil(half / chunkSize));
    if (maxCpus.work.fingerprints === null) return;
    const grouped = maxCpus.work.fingerprints.find((entry) => entry.fingerprint.includes('GROUP BY gid'));
    expect(grouped?.fingerprint.toLowerCase()).toBe('select gid, max(cpu_percent) as max_cpu from cpu_samples where project_id = ? and gid in (...) group by gid');
    expect(grouped?.count).toBe(Math.ceil(half / chunkSize));
  });
});

describe('statements of any kind, and the bytes a client really received', () => {
  let server: http.Server;
  let url = '';
  let client: Connection;
  let socket: net.Socket;

  beforeAll(async () => {
    const { hostname, port } = new URL(sharedMysqlUrl());
    socket = net.connect(Number(port || 3306), hostname);
    client = await mysql.createConnection({ uri: sharedMysqlUrl(), stream: socket });
    // A target of the test's own: each request runs a SET, a no-op UPDATE and two SELECTs.
    server = http.createServer((_request, response) => {
      void (async () => {
        await client.query('SET @request = ?', [Date.now()]);
        await client.query('UPDATE projects SET code = code WHERE id = ?', [-1]);
        for (const id of [1, 2]) await client.query('SELECT code FROM projects WHERE id = ?', [id]);
        response.end(String(socket.bytesRead));
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await client?.end();
  });

  it('counts a SET and an UPDATE by kind, and exactly the bytes the client read', async () => {
    const before = socket.bytesRead;
    const { work, disagreements } = await counter.countRequests([url], undefined);
    expect(work.statementsByKind).toEqual({ set_option: 1, update: 1, select: 2 });
    expect(work.statements).toBe(4);
    expect(work.bytesSent).toBe(socket.bytesRead - before);
    expect(work.workers).toBeNull();
    expect(disagreements).toEqual([]);
    if (work.fingerprints !== null) {
      const counts = work.fingerprints.map((entry) => [entry.fingerprint.toLowerCase(), entry.count]);
      // MariaDB's digest writes the variable's name as ? too.
      expect(counts).toEqual(expect.arrayContaining([[expect.stringMatching(/^set @(request|\?) = \?$/), 1], ['select code from projects where id = ?', 2]]));
      expect(work.rowsSent).toBe(2);
    }
  });
});

describe('a server without performance_schema (a MYSQL_URL database may have it off)', () => {
  it('says why there are no fingerprints, and still counts statements by kind', async (context) => {
    await skipWithoutLocalServer(context);
    const database = await startDatabase(configFrom(['--db-provider', 'local', '--db-performance-schema', 'off']), () => undefined);
    try {
      const plain = await openWorkCounter(database.url);
      try {
        expect(plain.digests).toEqual({ available: false, reason: expect.stringMatching(/^performance_schema is OFF on this server/) });
        const { database: work } = await plain.countWork(async () => {
          const client = await mysql.createConnection(database.url);
          await client.query('SELECT 1');
          await client.query('SET @x = 1');
          await client.end();
        });
        expect(work.counters.statements).toEqual({ select: 1, set_option: 1 });
        expect(work.counters.connections).toBe(1);
        expect(work.digests).toBeNull();
      } finally {
        await plain.close();
      }
    } finally {
      await database.stop();
    }
  });
});
