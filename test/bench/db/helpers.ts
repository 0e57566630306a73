// Shared by the database tests: configs built the way the harness builds them.
import { parseConfig } from '../../../lib/config.ts';
import type { Config } from '../../../lib/config.ts';

// An empty environment keeps a developer's MYSQL_URL or DB_PROVIDER out of the tests.
export function configFrom(flags: readonly string[]): Config {
  const result = parseConfig(flags, {});
  if (result.kind !== 'config') throw new Error(result.kind === 'error' ? result.message : 'unexpected --help');
  return result.config;
}
