// The local provider for real: a private mariadbd/mysqld from this machine's packages.
import mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { startDatabase } from '../../../../bench/tools/db/index.ts';
import { readStates } from '../../../../bench/tools/db/local-state.ts';
import { configFrom } from './helpers.ts';
import { skipWithoutLocalServer } from '../../../support/local-server.ts';

test('starts a server with the configured limits, and stop() removes process and datadir', async (context) => {
  await skipWithoutLocalServer(context);
  // Not the default 5000, so the value provably comes from the config.
  const config = configFrom(['--db-provider', 'local', '--db-max-connections', '1234']);
  const lines: string[] = [];
  const database = await startDatabase(config, (line) => lines.push(line));

  expect(database.provider).toBe('local');
  expect(lines.filter((line) => line.startsWith('database: '))).toEqual([`database: ${database.summary}`]);
  const password = new URL(database.url).password;
  expect(password.length).toBeGreaterThan(10);
  expect(lines.join('\n')).not.toContain(password);

  const connection = await mysql.createConnection(database.url);
  const [rows] = await connection.query<RowDataPacket[]>(
    'SELECT @@max_connections AS maxConnections, @@local_infile AS localInfile, DATABASE() AS db',
  );
  await connection.end();
  expect(rows[0]).toEqual({ maxConnections: 1234, localInfile: 1, db: 'settings' });

  const [mine] = (await readStates()).filter(({ state }) => state.ownerPid === process.pid);
  if (mine === undefined) throw new Error('no state file for this process');
  const { serverPid, dir } = mine.state;
  expect(serverPid).not.toBeNull();
  expect(existsSync(`/proc/${serverPid}`)).toBe(true);
  expect(existsSync(`${dir}/init.sql`)).toBe(false); // the password is not left on disk

  await database.stop();
  expect(existsSync(`/proc/${serverPid}`)).toBe(false);
  expect(existsSync(dir)).toBe(false);
  expect((await readStates()).some(({ id }) => id === mine.id)).toBe(false);
  await database.stop(); // a second stop is harmless
}, 60_000);
