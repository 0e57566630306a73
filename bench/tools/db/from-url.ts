// Provider "url": a database someone already runs (MYSQL_URL). The harness only checks
// that it answers; it never starts or stops it.
import type { Config } from '../../../lib/config.ts';
import { oneLine } from './errors.ts';
import { describeVersion, probe } from './mysql-probe.ts';
import type { ServerInfo } from './mysql-probe.ts';
import type { Attempt } from './types.ts';
import { redact, withoutPassword } from './url.ts';

// An existing server answers in milliseconds; waiting longer only hides a wrong URL.
const CONNECT_TIMEOUT_MS = 5_000;

export async function useUrl(config: Config): Promise<Attempt> {
  const url = config.mysqlUrl;
  if (url === undefined) return { unavailable: 'MYSQL_URL is not set' };
  let server: ServerInfo;
  try {
    server = await probe(url, CONNECT_TIMEOUT_MS);
  } catch (error) {
    const reason = redact(oneLine(error), url);
    throw new Error(`MYSQL_URL ${withoutPassword(url)} does not answer: ${reason}`);
  }
  return {
    provider: 'url',
    url,
    adminUrl: undefined,
    summary: `MYSQL_URL ${withoutPassword(url)} (${describeVersion(server.version)})`,
    server,
    stop: async () => {},
  };
}
