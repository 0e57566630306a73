// What the user reads when no database can be had: one line saying what to do.
import { expect, test } from 'vitest';
import { startDatabase } from '../../../../bench/tools/db/index.ts';
import { configFrom } from './helpers.ts';

const quiet = (): void => {};

test('a forced local provider without a server binary fails with one line', async () => {
  const config = configFrom(['--db-provider', 'local', '--mysqld', '/nonexistent/mariadbd']);
  const error: Error = await startDatabase(config, quiet).then(
    () => { throw new Error('expected a failure'); },
    (e: unknown) => e as Error,
  );
  expect(error.message).not.toContain('\n');
  expect(error.message).toMatch(/^no database: .*\/nonexistent\/mariadbd.*apt-get install -y mariadb-server/);
});

test('a forced url provider without MYSQL_URL says to set it', async () => {
  await expect(startDatabase(configFrom(['--db-provider', 'url']), quiet)).rejects.toThrow(/^no database: MYSQL_URL is not set; set MYSQL_URL/);
});

test('a MYSQL_URL that does not answer fails fast without showing the password', async () => {
  const config = configFrom(['--mysql-url', 'mysql://bench:Sup3rSecretPw@127.0.0.1:1/settings']);
  const error: Error = await startDatabase(config, quiet).then(
    () => { throw new Error('expected a failure'); },
    (e: unknown) => e as Error,
  );
  expect(error.message).toMatch(/^MYSQL_URL mysql:\/\/bench@127\.0\.0\.1:1\/settings does not answer: /);
  expect(error.message).not.toContain('Sup3rSecretPw');
});
