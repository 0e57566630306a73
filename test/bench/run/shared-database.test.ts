// A database the harness did not start (MYSQL_URL) keeps its owner's settings: too few
// connections stop the run before it starts, with the statement that fixes it; LOCAL
// INFILE switched off is said once, and seeding still works; and the warning about
// other clients tells whether any are active. A private server plays the owner's.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { suites } from '../../../bench/run/suites.ts';
import { connectionsNeeded, otherTrafficWarning } from '../../../bench/run/shared-database.ts';
import { startPrivateDatabase } from '../../support/private-database.ts';
import type { PrivateDatabase } from '../../support/private-database.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
let database: PrivateDatabase;
let admin: Connection;
let resultsDir: string;

beforeAll(async () => {
  database = await startPrivateDatabase();
  admin = await mysql.createConnection(database.adminUrl);
  resultsDir = await mkdtemp(join(tmpdir(), 'shared-database-'));
});

afterAll(async () => {
  await admin?.end();
  await database?.stop();
  await rm(resultsDir, { recursive: true, force: true });
});

// A bench run against the private server as MYSQL_URL; its exit code and stderr.
async function bench(...args: string[]): Promise<{ code: number; stderr: string }> {
  const env = { ...process.env, MYSQL_URL: database.url, DB_PROVIDER: 'url', PROJECT_SIZES: '30,40', SAMPLES_PER_GID: '30' };
  return run(process.execPath, ['bench/run/cli.ts', '--suite', 'quick', '--results-dir', resultsDir, ...args], { cwd: root, env })
    .then(({ stderr }) => ({ code: 0, stderr }))
    .catch((error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }));
}

it('counts the largest page, the load and every pool into the connections a run needs', () => {
  const quick = suites.quick;
  const config = { poolSize: 10, threadPoolSize: 4 };
  // quick: 100-gid pages; under load 4 connections × 30 gids = 120 threads, allowed (≤ 400).
  expect(connectionsNeeded(quick, config, 5)).toBe(120 + 5 * 10 + 4 + 10);
  expect(connectionsNeeded({ ...quick, projects: [1000] }, config, 2)).toBe(1000 + 2 * 10 + 4 + 10);
});

it('refuses a server with too few connections, printing the SET GLOBAL that fixes it', async () => {
  await admin.query('SET GLOBAL max_connections = 151');
  try {
    const { code, stderr } = await bench('--sizes', '30,40', '--targets', 'baseline,optimized');
    expect(code).toBe(1);
    // 40-gid pages, under load 4 × 40 threads, two servers' pools, spare.
    const needed = 4 * 40 + 2 * 10 + 4 + 10;
    expect(stderr).toContain(`allows max_connections=151, this run opens up to ${needed} at once`);
    expect(stderr).toContain(`SET GLOBAL max_connections = ${needed};`);
    expect(stderr).not.toContain(new URL(database.url).password);
  } finally {
    await admin.query('SET GLOBAL max_connections = ?', [database.server.maxConnections]);
  }
});

it('says once that local_infile is off, and seeds with INSERTs instead', async () => {
  await admin.query('SET GLOBAL local_infile = 0');
  try {
    // --sizes 99 is not seeded: the run stops right after seeding, which is all this test needs.
    const { code, stderr } = await bench('--sizes', '99');
    expect(code).toBe(1);
    expect(stderr.match(/SET GLOBAL local_infile = ON;/g)).toHaveLength(1);
    expect(stderr).toMatch(/INSERT fallback/);
    expect(stderr).toMatch(/no seeded project has 99 gids/);
  } finally {
    await admin.query('SET GLOBAL local_infile = 1');
  }
});

it('tells whether other clients are active while the counters are read', async () => {
  expect(await otherTrafficWarning(admin)).toMatch(/server-wide.*no other client was active/);
  const other = await mysql.createConnection(database.url);
  try {
    let busy = true;
    const traffic = (async () => {
      while (busy) await other.query('SELECT 1');
    })();
    const warning = await otherTrafficWarning(admin);
    busy = false;
    await traffic;
    expect(warning).toMatch(/other clients are active right now: [1-9]\d* SELECTs/);
  } finally {
    await other.end();
  }
});
