// The MySQL pass of CI skips the files listed in test/without-database.ts. A file there
// that reached for a database would then never run on MySQL, unseen: none may.
import { globSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { testsWithoutDatabase } from './without-database.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// How a test file gets a database: the shared one, a private one, or a server of its own.
const databaseUse = /sharedMysqlUrl|inject\('mysqlUrl'\)|sharedDatabaseEnv|openAdminConnection|startDatabase|startPrivateDatabase|startLocalServer|startContainer|faultEnv|testDatabase\(|configFrom\(/;

test('the files that run once need no database', () => {
  // This file names the patterns it looks for, so it is not read for them.
  const files = testsWithoutDatabase.flatMap((pattern) => globSync(pattern, { cwd: root })).filter((file) => file !== 'test/without-database.test.ts');
  expect(files.length).toBeGreaterThan(10);
  const usingOne = files.filter((file) => databaseUse.test(readFileSync(`${root}/${file}`, 'utf8')));
  expect(usingOne).toEqual([]);
});

test('every pattern matches a file', () => {
  const empty = testsWithoutDatabase.filter((pattern) => globSync(pattern, { cwd: root }).length === 0);
  expect(empty).toEqual([]);
});
