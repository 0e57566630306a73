// Decides when a server is ready: when a real mysql2 connection succeeds. Log messages
// are not enough (the official image prints "ready for connections" twice, once for
// its private init server), and an open port is not enough either (docker-proxy
// accepts connections before the server listens).
import mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { setTimeout as sleep } from 'node:timers/promises';
import { oneLine } from './errors.ts';
import { redact } from './url.ts';

export type ServerInfo = {
  readonly version: string;
  readonly maxConnections: number;
  readonly localInfile: boolean;
};

export type WaitOptions = {
  readonly timeoutMs: number;
  // Why the server can no longer come up (it exited), or undefined while it may.
  readonly gone: () => Promise<string | undefined>;
  // Last lines of the server's log, for the error message.
  readonly logTail: () => Promise<string>;
};

const ATTEMPT_TIMEOUT_MS = 1_000;
const RETRY_DELAY_MS = 100;

export async function probe(url: string, connectTimeoutMs: number): Promise<ServerInfo> {
  const connection = await mysql.createConnection({ uri: url, connectTimeout: connectTimeoutMs });
  try {
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT @@version AS version, @@max_connections AS maxConnections, @@local_infile AS localInfile',
    );
    const row = rows[0];
    if (row === undefined) throw new Error('server returned no row for SELECT @@version');
    return {
      version: String(row['version']),
      maxConnections: Number(row['maxConnections']),
      localInfile: Number(row['localInfile']) === 1,
    };
  } finally {
    connection.destroy();
  }
}

export async function waitForMysql(url: string, options: WaitOptions): Promise<ServerInfo> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = 'no attempt yet';
  while (Date.now() < deadline) {
    try {
      return await probe(url, ATTEMPT_TIMEOUT_MS);
    } catch (error) {
      lastError = redact(oneLine(error), url);
    }
    const gone = await options.gone();
    if (gone !== undefined) {
      throw new Error(`database server ${gone} before accepting connections; its log ends:\n${await options.logTail()}`);
    }
    await sleep(RETRY_DELAY_MS);
  }
  throw new Error(
    `database server did not accept connections within ${options.timeoutMs / 1000} s ` +
      `(last error: ${lastError}); its log ends:\n${await options.logTail()}`,
  );
}

// A server that quietly lowered max_connections (too few open files) or refuses
// LOAD DATA LOCAL would make the benchmark fail for the wrong reason: refuse it now.
export function checkServer(info: ServerInfo, maxConnections: number): void {
  if (info.maxConnections !== maxConnections) {
    throw new Error(
      `database server runs with max_connections=${info.maxConnections}, not ${maxConnections}: ` +
        `its open-files limit is probably too low (raise ulimit -n, or lower --db-max-connections)`,
    );
  }
  if (!info.localInfile) throw new Error('database server has local_infile=OFF; the seed loader needs it ON');
}

// "10.11.19-MariaDB-0+deb12u1" -> "MariaDB 10.11.19"; "8.4.3" -> "MySQL 8.4.3".
export function describeVersion(version: string): string {
  const number = /^\d+\.\d+\.\d+/.exec(version)?.[0] ?? version;
  return /mariadb/i.test(version) ? `MariaDB ${number}` : `MySQL ${number}`;
}
