// The one way the application talks to MySQL: connection options shared by the pool
// and by the baseline's per-gid connections, and a timed query that counts itself.
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import type { Connection, ConnectionOptions, Pool, RowDataPacket } from 'mysql2/promise';
import { options } from './config.ts';
import { recordNewConnection, recordQuery } from './request-stats.ts';

export function connectionOptions(
  url: string,
  connectTimeoutMs: number = Number(options.dbConnectTimeout.default),
): ConnectionOptions {
  return {
    uri: url,
    // DECIMAL columns as numbers (max CPU), DATETIME as text: no timezone surprises.
    decimalNumbers: true,
    dateStrings: true,
    // JSON columns as their text, on every server: MySQL sends a JSON type, MariaDB a
    // LONGTEXT that mysql2 parses only when the server flags it as JSON (10.5+). Text
    // from both, parsed once in lib/settings-row.ts, is right whichever it is.
    jsonStrings: true,
    // An unreachable database must fail the request (503), not hang it.
    connectTimeout: connectTimeoutMs,
  };
}

// A connection the pool opens is counted against the request that made it open one: the
// first request on a fresh server pays for the pool, and its header says so.
export function createPool(url: string, size: number, connectTimeoutMs: number): Pool {
  const pool = mysql.createPool({ ...connectionOptions(url, connectTimeoutMs), connectionLimit: size, maxIdle: size });
  pool.on('connection', () => recordNewConnection());
  return pool;
}

export function openConnection(options: ConnectionOptions): Promise<Connection> {
  return mysql.createConnection(options);
}

// query(), not execute(): mysql2 expands an array bound to IN (?) only in query(),
// still escaping every value, so SQL stays parameterised.
export async function timedQuery<Row extends RowDataPacket>(
  db: Pick<Connection, 'query'>,
  sql: string,
  params: readonly unknown[],
): Promise<Row[]> {
  const started = performance.now();
  const [rows] = await db.query<Row[]>(sql, [...params]);
  recordQuery(started, performance.now());
  return rows;
}
