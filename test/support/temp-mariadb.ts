// A private, throwaway MariaDB for one test file: its own datadir and port, deleted on
// stop(). Kept in this one file so the shared vitest globalSetup can replace it.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { freePort } from '../../bench/db/ports.ts';

export type TempMariadb = { readonly url: string; stop(): Promise<void> };

const READY_TIMEOUT_MS = 15_000;

// mariadb-install-db chowns the datadir to --user, which only root may do.
const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];

export async function startTempMariadb(): Promise<TempMariadb> {
  const dir = await mkdtemp(join(tmpdir(), 'temp-mariadb-'));
  const datadir = join(dir, 'data');
  await promisify(execFile)('mariadb-install-db', [
    '--no-defaults', `--datadir=${datadir}`, ...asRoot, '--auth-root-authentication-method=normal', '--skip-test-db',
  ]);
  const port = await freePort();
  const server = spawn('mariadbd', [
    '--no-defaults', `--datadir=${datadir}`, ...asRoot, '--bind-address=127.0.0.1', `--port=${port}`,
    `--socket=${join(dir, 'sock')}`, `--pid-file=${join(dir, 'pid')}`, '--skip-name-resolve', '--local-infile=1',
    // Stops in milliseconds instead of dumping the buffer pool; durability is pointless here.
    '--innodb-buffer-pool-dump-at-shutdown=OFF', '--innodb-buffer-pool-load-at-startup=OFF',
    '--innodb-flush-log-at-trx-commit=2',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = once(server, 'exit');

  async function stop(): Promise<void> {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  }

  try {
    await waitForServer(port, () => server.exitCode !== null);
  } catch (error) {
    await stop();
    throw new Error(`temp MariaDB did not start: ${(error as Error).message}\n${stderr}`);
  }
  return { url: `mysql://root@127.0.0.1:${port}/settings`, stop };
}

async function waitForServer(port: number, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (hasExited()) throw new Error('mariadbd exited');
    try {
      const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
      await connection.query('CREATE DATABASE IF NOT EXISTS settings');
      await connection.end();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
