// Starts the one database every integration test shares (same provider chain as the
// harness: MYSQL_URL, Testcontainers, or a local mariadbd) and seeds it once.
import type { TestProject } from 'vitest/node';
import { parseConfig } from '../lib/config.ts';
import type { Config } from '../lib/config.ts';
import { startDatabase } from '../bench/tools/db/index.ts';
import { seedDatabase } from '../seed/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    mysqlUrl: string;
    testConfig: Config;
  }
}

// Small enough to keep the baseline's thread-per-gid page at a few seconds, large
// enough for chunking and for the gids without settings or samples to appear.
const testDefaults = { PROJECT_SIZES: '30,60,120', SAMPLES_PER_GID: '120' };

export function testConfig(): Config {
  const result = parseConfig([], { ...testDefaults, ...process.env });
  if (result.kind !== 'config') throw new Error(result.kind === 'error' ? result.message : 'unexpected --help');
  return result.config;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string): void => void process.stderr.write(`[test db] ${line}\n`);
  const config = testConfig();
  const database = await startDatabase(config, log);
  try {
    await seedDatabase(database.url, config, log);
  } catch (error) {
    await database.stop();
    throw error;
  }
  project.provide('mysqlUrl', database.url);
  project.provide('testConfig', config);
  return () => database.stop();
}
