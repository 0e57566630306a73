// JSON columns decoded exactly once, on the server this run uses (MariaDB returns JSON
// as text unless it flags the column, MySQL as a JSON type): scalars that look like
// something else ("x", "123", "null") come back as the strings they are, through the
// very queries of the baseline and the optimized variant.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeDataAccess, openDataAccess } from '../../lib/data-access.ts';
import type { DataAccess, ProfileSettingsByGid } from '../../lib/types.ts';
import { findVariant } from '../../variants/index.ts';
import { splitSqlStatements } from '../../seed/sql-statements.ts';
import { sharedMysqlUrl } from '../support/database.ts';

const PROJECT = 'json-probe';
// [tag_indexes, profile_machines, thread_settings] as the JSON text stored.
const stored: Record<number, readonly [string | null, string, string]> = {
  1: ['"x"', '"single-host.internal"', '{"threadNameFilter": "^worker-\\\\d+$"}'],
  2: ['"123"', '[]', '{}'],
  3: ['null', '["a", "b"]', '{"maxThreads": 4, "includeNative": false}'],
  4: [null, '[1, 2.5, true, null]', '"plain text"'],
};

let db: DataAccess;

beforeAll(async () => {
  // One connection, so the temporary table below is what every query sees.
  db = openDataAccess(sharedMysqlUrl(), { poolSize: 1, settingsChunkSize: 1000, threadPoolSize: 1, dbConnectTimeout: 10_000 });
  // The real column types from the one schema, in a temporary table that hides the
  // seeded one for this connection only: the shared data stays untouched.
  const schema = splitSqlStatements(await readFile(new URL('../../lib/schema.sql', import.meta.url), 'utf8'));
  const create = schema.find((statement) => statement.includes('TABLE IF NOT EXISTS profile_settings'));
  if (create === undefined) throw new Error('lib/schema.sql has no profile_settings table');
  await db.pool.query(create.replace('CREATE TABLE IF NOT EXISTS', 'CREATE TEMPORARY TABLE'));
  for (const [gid, [tags, machines, threads]] of Object.entries(stored)) {
    await db.pool.query(
      'INSERT INTO profile_settings (name, tag_indexes, `interval`, status, profile_machines, thread_settings) VALUES (?, ?, 60, ?, ?, ?)',
      [`${PROJECT}:${gid}`, tags, 'enabled', machines, threads],
    );
  }
});

afterAll(async () => {
  await closeDataAccess(db);
});

const expected = new Map([
  [1, { tagIndexes: 'x', profileMachines: 'single-host.internal', threadSettings: { threadNameFilter: '^worker-\\d+$' } }],
  [2, { tagIndexes: '123', profileMachines: [], threadSettings: {} }],
  [3, { tagIndexes: null, profileMachines: ['a', 'b'], threadSettings: { maxThreads: 4, includeNative: false } }],
  [4, { tagIndexes: null, profileMachines: [1, 2.5, true, null], threadSettings: 'plain text' }],
]);

it.each(['baseline', 'optimized'])('%s decodes JSON scalars, arrays and objects once', async (name) => {
  const variant = findVariant(name);
  if (variant === undefined) throw new Error(`no variant ${name}`);
  const settings: ProfileSettingsByGid = await variant.getGroupProfileSettings(db, PROJECT, [1, 2, 3, 4]);
  expect(new Map([...settings].map(([gid, row]) => [gid, { tagIndexes: row.tagIndexes, profileMachines: row.profileMachines, threadSettings: row.threadSettings }])))
    .toEqual(expected);
});
