// Checks for a database the harness did not start (MYSQL_URL), which keeps its owner's
// settings: servers the harness starts are configured for the run (bench/tools/db/server-options.ts),
// this one must be checked against what the run will ask of it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mysql2/promise';
import type { Config } from '../../lib/config.ts';
import type { Database } from '../tools/db/index.ts';
import type { ServerInfo } from '../tools/db/mysql-probe.ts';
import { counterDelta, readDatabaseCounters } from '../measure/db-status.ts';
import type { Suite } from './suites.ts';

// Connections of our own besides the pages': admin, micro-benchmarks, probes.
const SPARE_CONNECTIONS = 10;
const QUIET_PROBE_MS = 1_000;

// The most connections the run holds at once. An eager variant's page opens one per gid
// at once (the baseline's thread per gid); under load, cells that would start more
// threads than load.maxConcurrentWorkers are skipped. Every server has its pool, and
// the thread-pool variant one connection per thread.
export function connectionsNeeded(suite: Suite, config: Pick<Config, 'poolSize' | 'threadPoolSize'>, variants: number): number {
  const largestPage = Math.max(...suite.projects, ...suite.pageLoad.sizes, suite.latencySweep.size);
  const largestLoad = Math.max(0, ...suite.load.sizes) * suite.load.connections;
  const underLoad = Math.min(largestLoad, suite.load.maxConcurrentWorkers);
  return Math.max(largestPage, underLoad) + variants * config.poolSize + config.threadPoolSize + SPARE_CONNECTIONS;
}

// Too few connections fails the run now, with the statement that fixes it, instead of
// failing the baseline half-way with "Too many connections", a failure the article never had.
export function checkConnectionLimit(server: ServerInfo, needed: number): void {
  if (server.maxConnections >= needed) return;
  throw new Error(
    `the database at MYSQL_URL allows max_connections=${server.maxConnections}, this run opens up to ${needed} at once `
      + `(an eager page opens one per gid): run SET GLOBAL max_connections = ${needed}; on it `
      + '(its open_files_limit must allow that many too), or measure fewer gids with --sizes',
  );
}

export function localInfileAdvice(server: ServerInfo): string | undefined {
  if (server.localInfile) return undefined;
  return 'the database at MYSQL_URL has local_infile=OFF: seeding falls back to multi-row INSERTs (slower); '
    + 'for LOAD DATA LOCAL INFILE run SET GLOBAL local_infile = ON; on it';
}

// Both checks, before anything is seeded or measured; a database the harness started
// was configured for the run and needs neither.
export function checkUrlDatabase(
  database: Pick<Database, 'provider' | 'server'>,
  needed: number,
  seeding: boolean,
  log: (line: string) => void,
): void {
  if (database.provider !== 'url') return;
  checkConnectionLimit(database.server, needed);
  const advice = seeding ? localInfileAdvice(database.server) : undefined;
  if (advice !== undefined) log(advice);
}

// The work counters are server-wide (SHOW GLOBAL STATUS): what other clients do while a
// request is counted is counted too. A second with no request of ours shows whether
// anyone else is at work right now (reading the counters does not move them).
export async function otherTrafficWarning(admin: Connection): Promise<string> {
  const before = await readDatabaseCounters(admin);
  await sleep(QUIET_PROBE_MS);
  const delta = counterDelta(before, await readDatabaseCounters(admin));
  const seen = delta.selects > 0 || delta.connections > 0
    ? `other clients are active right now: ${delta.selects} SELECTs and ${delta.connections} new connections in ${QUIET_PROBE_MS / 1000} s with none of ours`
    : `no other client was active in a ${QUIET_PROBE_MS / 1000} s probe`;
  return `warning: the work counters are server-wide, so other clients' queries on this database count as the measured requests' (${seen}); `
    + 'use a database nobody else uses while measuring';
}
