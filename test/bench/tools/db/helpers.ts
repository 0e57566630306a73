// Shared by the database tests: configs built the way the harness builds them.
import { parseConfig } from '../../../../lib/config.ts';
import type { Config } from '../../../../lib/config.ts';

// An empty environment keeps a developer's MYSQL_URL or DB_PROVIDER out of the tests;
// MYSQLD stays, so that a run on MySQL (.ci/run) starts MySQL here too.
export function configFrom(flags: readonly string[]): Config {
  const env = process.env['MYSQLD'] === undefined ? {} : { MYSQLD: process.env['MYSQLD'] };
  const result = parseConfig(flags, env);
  if (result.kind !== 'config') throw new Error(result.kind === 'error' ? result.message : 'unexpected --help');
  return result.config;
}
