import { inject } from 'vitest';

// For commands run against the shared test database: the same seed options as the
// global setup, so they find the data already loaded instead of reseeding it.
export function sharedDatabaseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const config = inject('testConfig');
  return {
    ...process.env,
    MYSQL_URL: inject('mysqlUrl'),
    SEED: String(config.seed),
    PROJECT_SIZES: config.projectSizes.join(','),
    SAMPLES_PER_GID: String(config.samplesPerGid),
    ...extra,
  };
}
