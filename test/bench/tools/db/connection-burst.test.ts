// The baseline opens a connection per gid, all at once: a thousand logins arriving
// together. On MySQL 9 that is caching_sha2_password, whose first login per user needs
// the full exchange (RSA over plain TCP) until the server caches it. With the cache
// emptied (FLUSH PRIVILEGES), every one of a thousand simultaneous connections must
// still log in and answer, with the options the baseline's threads use.
import mysql from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { connectionOptions } from '../../../../lib/db.ts';
import { startPrivateDatabase } from '../../../support/private-database.ts';
import type { PrivateDatabase } from '../../../support/private-database.ts';

const BURST = 1000;
let database: PrivateDatabase;

beforeAll(async () => {
  database = await startPrivateDatabase();
});

afterAll(async () => {
  await database?.stop();
});

test(`${BURST} connections at once, authentication cache cold: all log in`, async () => {
  const admin = await mysql.createConnection(database.adminUrl);
  await admin.query('FLUSH PRIVILEGES');
  await admin.end();

  const attempts = await Promise.allSettled(Array.from({ length: BURST }, async (): Promise<Connection> => {
    const connection = await mysql.createConnection(connectionOptions(database.url, 60_000));
    await connection.query('SELECT 1');
    return connection;
  }));
  const opened = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []));
  const failures = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [String(attempt.reason)] : []));
  await Promise.all(opened.map((connection) => connection.end()));
  expect(failures.slice(0, 3)).toEqual([]);
  expect(opened).toHaveLength(BURST);
}, 120_000);
