// The one way the application talks to MySQL: connection options shared by the pool
// and by the baseline's per-gid connections, and a timed query that counts itself.
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import type { Connection, ConnectionOptions, Pool, RowDataPacket } from 'mysql2/promise';
import { recordQuery } from './request-stats.ts';

export function connectionOptions(url: string): ConnectionOptions {
  return {
    uri: url,
    // DECIMAL columns as numbers (max CPU), DATETIME as text: no timezone surprises.
    decimalNumbers: true,
    dateStrings: true,
    // A missing database must fail fast with a clear error, not hang the page.
    connectTimeout: 5000,
  };
}

export function createPool(url: string, size: number): Pool {
  return mysql.createPool({ ...connectionOptions(url), connectionLimit: size, maxIdle: size });
}

export function openConnection(url: string): Promise<Connection> {
  return mysql.createConnection(connectionOptions(url));
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
  recordQuery(performance.now() - started);
  return rows;
}
