// Shared by the latency proxy tests: a database to proxy to, round-trip timing, and a
// look at a process from outside (is it alive, how much CPU has it used).
import mysql from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { startPrivateDatabase } from '../../../support/private-database.ts';
import type { ProxyTarget } from '../../../../bench/tools/latency/types.ts';
import { createWakeTimer, nowNs } from '../../../../bench/tools/latency/wake-timer.ts';

export type TestDatabase = { readonly url: string; readonly target: ProxyTarget; stop(): Promise<void> };

// The run's shared database when the project's globalSetup started one, else a
// private one (test/latency.vitest.config.ts runs without globalSetup).
export async function testDatabase(): Promise<TestDatabase> {
  const shared = inject('mysqlUrl') as string | undefined;
  if (shared !== undefined) return { url: shared, target: targetOf(shared), stop: async () => {} };
  const database = await startPrivateDatabase(['--db-max-connections', '2000']);
  return { url: database.url, target: targetOf(database.url), stop: () => database.stop() };
}

function targetOf(url: string): ProxyTarget {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 3306) };
}

export function connect(url: string): Promise<Connection> {
  return mysql.createConnection({ uri: url });
}

// Median of sequential `SELECT 1` round trips on one connection, in ms: the median
// shrugs off the odd scheduling hiccup of a busy two-core machine. With `idleMs`, the
// client sleeps that long before each query.
export async function medianRoundTripMs(connection: Connection, queries = 100, idleMs = 0): Promise<number> {
  for (let i = 0; i < 10; i++) await connection.query('SELECT 1');
  const times: number[] = [];
  for (let i = 0; i < queries; i++) {
    if (idleMs > 0) await sleepPrecisely(idleMs);
    const start = performance.now();
    await connection.query('SELECT 1');
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

let wake: (() => void) | undefined;
const timer = createWakeTimer(() => wake?.());

function sleepPrecisely(ms: number): Promise<void> {
  return new Promise((resolve) => {
    wake = resolve;
    timer.wakeAt(nowNs() + BigInt(Math.round(ms * 1e6)));
  });
}

// A process that exited but was not yet reaped by its new parent is a zombie: gone too.
export function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

// User plus system CPU time of a process, in clock ticks (1/100 s on Linux).
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself contain spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
