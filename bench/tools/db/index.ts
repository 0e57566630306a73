// Gets the harness a database, the cheapest honest way this machine allows:
// an existing one (MYSQL_URL), else a container (Testcontainers), else a private local
// mariadbd/mysqld. --db-provider forces one; its failure is then final.
import type { Config } from '../../../lib/config.ts';
import { onCleanup } from '../../run/cleanup.ts';
import { useUrl } from './from-url.ts';
import { startLocalServer } from './local-server.ts';
import { reapLeftovers } from './reaper.ts';
import { startContainer } from './testcontainers.ts';
import { isUnavailable } from './types.ts';
import type { Attempt, Database, Provider } from './types.ts';

export type { Database, Provider } from './types.ts';

const providers: Record<Provider, (config: Config) => Promise<Attempt>> = {
  url: useUrl,
  testcontainers: startContainer,
  local: startLocalServer,
};

const AUTO_ORDER: readonly Provider[] = ['url', 'testcontainers', 'local'];

// What to do when a forced provider cannot run here.
const remedies: Record<Provider, string> = {
  url: 'set MYSQL_URL (or --mysql-url) to mysql://user:pass@host:port/db',
  testcontainers: 'start Docker and make the image available (offline: scripts/build-test-image.sh and --container-network host)',
  local: 'install mariadb-server (apt-get install -y mariadb-server) or point --mysqld / MYSQLD at a mariadbd or mysqld binary',
};

export async function startDatabase(config: Config, log: (line: string) => void): Promise<Database> {
  await reapLeftovers(config, log);
  const auto = config.dbProvider === 'auto';
  for (const provider of auto ? AUTO_ORDER : [config.dbProvider]) {
    const attempt = await providers[provider](config);
    if (!isUnavailable(attempt)) {
      log(`database: ${attempt.summary}`);
      return stoppedOnExit(attempt);
    }
    if (!auto) throw new Error(`no database: ${attempt.unavailable}; ${remedies[provider]}`);
    log(`database: skipped ${provider}: ${attempt.unavailable}`);
  }
  throw new Error('no database: set MYSQL_URL, start Docker, or install mariadb-server (apt-get install -y mariadb-server)');
}

// Ctrl-C, kill and crashes stop the database too (see bench/run/cleanup.ts).
function stoppedOnExit(database: Database): Database {
  const unregister = onCleanup(() => database.stop());
  return {
    ...database,
    stop: async () => {
      unregister();
      await database.stop();
    },
  };
}
