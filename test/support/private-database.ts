// A throwaway database for one test file that must not share the run's database (it
// truncates tables, switches server settings, or stops the server): started through
// the harness's own provider chain, so it is a container on a Docker-only machine and
// the same server family (MYSQLD, MYSQL_IMAGE, ...) as the rest of the run. Never
// MYSQL_URL: that database belongs to someone else.
import { startDatabase } from '../../bench/tools/db/index.ts';
import type { Database } from '../../bench/tools/db/index.ts';
import { parseConfig } from '../../lib/config.ts';
import type { Config } from '../../lib/config.ts';

export type PrivateDatabase = Database & { readonly adminUrl: string };

export function privateDatabaseConfig(flags: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): Config {
  const own: NodeJS.ProcessEnv = { ...env };
  delete own['MYSQL_URL'];
  if (own['DB_PROVIDER'] === 'url') delete own['DB_PROVIDER'];
  const result = parseConfig(flags, own);
  if (result.kind !== 'config') throw new Error(result.kind === 'error' ? result.message : 'unexpected --help');
  return result.config;
}

export async function startPrivateDatabase(flags: readonly string[] = []): Promise<PrivateDatabase> {
  const database = await startDatabase(privateDatabaseConfig(flags), () => undefined);
  const { adminUrl } = database;
  if (adminUrl === undefined) {
    await database.stop();
    throw new Error(`${database.summary} has no admin account`);
  }
  return { ...database, adminUrl };
}
