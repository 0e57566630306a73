import type { Config } from '../../lib/config.ts';

// The server knobs of lib/config.ts a harness passes on to every server it starts, so a
// server measures what the harness was told, not whatever its shell had.
export function serverEnv(config: Pick<Config, 'poolSize' | 'settingsChunkSize' | 'maxGidsPerRequest' | 'threadPoolSize'>): Record<string, string> {
  return {
    POOL_SIZE: String(config.poolSize),
    SETTINGS_CHUNK_SIZE: String(config.settingsChunkSize),
    MAX_GIDS_PER_REQUEST: String(config.maxGidsPerRequest),
    THREAD_POOL_SIZE: String(config.threadPoolSize),
  };
}
