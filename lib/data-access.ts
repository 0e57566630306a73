import type { Config } from './config.ts';
import { createPool } from './db.ts';
import type { DataAccess } from './types.ts';

export function openDataAccess(
  url: string,
  config: Pick<Config, 'poolSize' | 'settingsChunkSize' | 'threadPoolSize' | 'dbConnectTimeout'>,
): DataAccess {
  return {
    pool: createPool(url, config.poolSize, config.dbConnectTimeout),
    url,
    connectTimeoutMs: config.dbConnectTimeout,
    chunkSize: config.settingsChunkSize,
    threadPoolSize: config.threadPoolSize,
    closers: [],
  };
}

export async function closeDataAccess(db: DataAccess): Promise<void> {
  for (const close of db.closers.splice(0).reverse()) await close();
  await db.pool.end();
}
