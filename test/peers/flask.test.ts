// The article's own stack as a peer: for every seeded project and every stage, the Flask
// server answers exactly what ours answer, and does the work its stage says, counted by
// the database itself (Com_select, Connections) and by its Server-Timing header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import { expectedPages } from '../../bench/measure/equivalence.ts';
import type { ExpectedPages } from '../../bench/measure/equivalence.ts';
import { startServerProcess } from '../../bench/run/server-process.ts';
import type { TargetProcess } from '../../bench/run/target-process.ts';
import { openWorkCounter } from '../../bench/measure/work-counters.ts';
import type { WorkCounter } from '../../bench/measure/work-counters.ts';
import { flaskTargets } from '../../peers/flask/target.ts';
import type { FlaskStage } from '../../peers/flask/target.ts';
import type { MaxCpusResponse } from '../../lib/types.ts';
import { openAdminConnection, seededProjects, sharedMysqlUrl } from '../support/database.ts';
import type { SeededProject } from '../support/database.ts';
import { requireFlaskPeer, skipFlaskPeer, startFlaskPeer } from '../support/flask-peer.ts';
import { getJson } from '../support/http.ts';
import { poolConnectionsOpened } from '../support/pool-connections.ts';

// Small enough that the test projects' pages take several IN chunks.
const chunkSize = 32;
const peerEnv = { SETTINGS_CHUNK_SIZE: String(chunkSize) };
let admin: Connection;
let counter: WorkCounter;
let projects: SeededProject[];
let optimized: TargetProcess;
const peers = new Map<FlaskStage, TargetProcess>();
const expected = new Map<string, ExpectedPages>();

beforeAll(async () => {
  if (skipFlaskPeer) return;
  requireFlaskPeer();
  admin = await openAdminConnection();
  counter = await openWorkCounter(sharedMysqlUrl());
  projects = await seededProjects(admin);
  const started = await Promise.all([
    startServerProcess({ variant: 'optimized', mysqlUrl: sharedMysqlUrl() }),
    ...flaskTargets.map((target) => startFlaskPeer(target.stage, sharedMysqlUrl(), peerEnv)),
  ]);
  optimized = started[0]!;
  flaskTargets.forEach((target, index) => peers.set(target.stage, started[index + 1]!));
  for (const project of projects) expected.set(project.code, await expectedPages(optimized.url, project.code, 2000));
});

afterAll(async () => {
  await Promise.all([optimized?.stop(), ...[...peers.values()].map((peer) => peer.stop())]);
  await counter?.close();
  await admin?.end();
});

function peer(stage: FlaskStage): TargetProcess {
  const found = peers.get(stage);
  if (found === undefined) throw new Error(`flask ${stage} not started`);
  return found;
}

function largest(): SeededProject {
  const project = projects.at(-1);
  if (project === undefined) throw new Error('no project seeded');
  return project;
}

describe.skipIf(skipFlaskPeer)('the Flask peer answers what our servers answer', () => {
  it('/health names the stage and counts no handler at rest', async () => {
    for (const target of flaskTargets) {
      const health = await getJson(peer(target.stage).url, '/health');
      expect(health.body).toEqual({ status: 'ok', variant: target.name, inFlight: 0 });
      expect(health.timing).toMatchObject({ queries: 0, workers: 0, connections: 0 });
    }
  });

  it.each(flaskTargets.map((target) => [target.name, target] as const))('%s: every seeded project', async (_name, target) => {
    expect(projects.length).toBeGreaterThanOrEqual(3);
    for (const project of projects) {
      const wanted = expected.get(project.code)!;
      // The data has holes, so the comparison covers nulls as well as values.
      expect(wanted.eager.groups.some((group) => group.settings === null)).toBe(true);
      expect(wanted.eager.groups.some((group) => group.maxCpu === null)).toBe(true);

      const page = await getJson(peer(target.stage).url, `/api/projects/${project.code}/settings`);
      expect(page.status).toBe(200);
      expect(page.body, `${target.name} ${project.code}`).toEqual(target.maxCpuOnPage === 'eager' ? wanted.eager : wanted.lazy);

      const gids = wanted.lazy.groups.map((group) => group.gid).join(',');
      const path = `/api/projects/${project.code}/max-cpus?gids=${gids}`;
      const [ours, theirs] = await Promise.all([getJson(optimized.url, path), getJson(peer(target.stage).url, path)]);
      expect(theirs.status).toBe(200);
      expect(theirs.body, `${target.name} ${project.code} /max-cpus`).toEqual(ours.body);
    }
  });

  it('/max-cpus answers in the order asked, without duplicates', async () => {
    const gids = expected.get(largest().code)!.lazy.groups.map((group) => group.gid);
    const asked = [gids[2], gids[0], gids[2], gids[1]];
    for (const target of flaskTargets) {
      const answer = await getJson(peer(target.stage).url, `/api/projects/${largest().code}/max-cpus?gids=${asked.join(',')}`);
      expect((answer.body as MaxCpusResponse).maxCpus.map((entry) => entry.gid)).toEqual([gids[2], gids[0], gids[1]]);
    }
  });
});

describe.skipIf(skipFlaskPeer)('work one page load does, counted at the database', () => {
  // Threads, new connections and statements per stage, at N gids and `chunks` IN batches.
  // SELECTs only: PyMySQL and SQLAlchemy add session statements (SET NAMES, ROLLBACK) of
  // their own, counted by the database but sent by no line of the article's code.
  const work: Record<FlaskStage, (n: number, chunks: number) => { selects: number; newConnections: number; workers: number }> = {
    before: (n) => ({ selects: 1 + 2 * n, newConnections: n, workers: n }),
    wave1: (n) => ({ selects: 1 + n, newConnections: 0, workers: 0 }),
    wave2: (n, chunks) => ({ selects: 1 + chunks + n, newConnections: n, workers: n }),
    after: (_n, chunks) => ({ selects: 1 + chunks, newConnections: 0, workers: 0 }),
  };

  it.each(flaskTargets.map((target) => [target.name, target.stage] as const))('%s', async (_name, stage) => {
    const { code, gidCount } = largest();
    const chunks = Math.ceil(gidCount / chunkSize);
    expect(chunks).toBeGreaterThan(1);
    const url = `${peer(stage).url}/api/projects/${code}/settings`;
    // A first request fills the pool, so only the request's own connections are counted.
    await getJson(url, '');
    const counted = await counter.countRequests([url], undefined);
    expect(counted.responses[0]?.status).toBe(200);
    const { selects, ...wanted } = work[stage](gidCount, chunks);
    expect(counted.work).toMatchObject(wanted);
    expect(counted.work.statementsByKind['select']).toBe(selects);
    expect(counted.disagreements).toEqual([]);

    const timing = (await getJson(url, '')).timing;
    expect(timing).toMatchObject({ queries: selects, workers: wanted.workers, connections: wanted.newConnections });
    // Waiting for the database is part of the request; parallel threads' queries overlap.
    expect(timing!.dbMs).toBeLessThanOrEqual(timing!.totalMs);
    expect(timing!.queryMs).toBeGreaterThanOrEqual(timing!.dbMs);
  });

  it('counts the connections its pool opens against the requests that opened them', async () => {
    // A fresh server's pool holds one connection; four pages at once make it open more.
    const fresh = await startFlaskPeer('after', sharedMysqlUrl());
    try {
      const { counted, reported } = await poolConnectionsOpened(admin, fresh.url, `/api/projects/${largest().code}/settings`);
      expect(counted).toBeGreaterThan(0);
      expect(reported).toBe(counted);
    } finally {
      await fresh.stop();
    }
  });

  it('flask-after /max-cpus: 1 + ceil(N / chunk) statements, no threads, no new connections', async () => {
    const { code, gidCount } = largest();
    const gids = expected.get(code)!.lazy.groups.map((group) => group.gid).join(',');
    const url = `${peer('after').url}/api/projects/${code}/max-cpus?gids=${gids}`;
    const counted = await counter.countRequests([url], undefined);
    expect(counted.responses[0]?.status).toBe(200);
    expect(counted.work).toMatchObject({ newConnections: 0, workers: 0 });
    expect(counted.work.statementsByKind['select']).toBe(1 + Math.ceil(gidCount / chunkSize));
  });
});
