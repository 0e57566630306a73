// Finds the server binary for the local provider and tells MariaDB from MySQL: they
// initialise a datadir differently and accept slightly different options.
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../../../lib/config.ts';
import { oneLine } from './errors.ts';
import type { Unavailable } from './types.ts';

export type ServerBinary = {
  readonly path: string;
  readonly flavor: 'mariadb' | 'mysql';
  // "10.11.19"
  readonly version: string;
};

const run = promisify(execFile);
// Debian installs servers in /usr/sbin, which is not on a normal user's PATH.
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/mysql/bin'];

export async function findServerBinary(config: Config): Promise<ServerBinary | Unavailable> {
  const explicit = config.mysqldBinary;
  const found = explicit ?? findOnPath('mariadbd') ?? findOnPath('mysqld');
  if (found === undefined) return { unavailable: 'neither mariadbd nor mysqld is installed' };
  if (!isExecutable(found)) return { unavailable: `--mysqld / MYSQLD ${found} is not an executable file` };
  try {
    const { stdout } = await run(found, ['--version'], { timeout: 10_000 });
    return {
      path: found,
      flavor: /mariadb/i.test(stdout) ? 'mariadb' : 'mysql',
      version: /Ver\s+(\d+\.\d+\.\d+)/.exec(stdout)?.[1] ?? 'unknown version',
    };
  } catch (error) {
    return { unavailable: `${found} --version failed (${oneLine(error)})` };
  }
}

// mysqld refuses to run as root unless told to; as any other user --user is not needed.
export function userArgs(): string[] {
  return process.getuid?.() === 0 ? ['--user=root'] : [];
}

// mariadb-install-db lives in bin/ while mariadbd lives in sbin/ (Debian), or both in
// one bin/ or scripts/ directory (tarballs).
export function findInstallDb(server: ServerBinary): string | undefined {
  const dir = path.dirname(server.path);
  const near = [dir, path.join(dir, '../bin'), path.join(dir, '../scripts')];
  for (const name of ['mariadb-install-db', 'mysql_install_db']) {
    const candidate = near.map((d) => path.join(d, name)).find(isExecutable) ?? findOnPath(name);
    if (candidate !== undefined) return candidate;
  }
  return undefined;
}

function findOnPath(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean), ...EXTRA_DIRS];
  return dirs.map((dir) => path.join(dir, name)).find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
