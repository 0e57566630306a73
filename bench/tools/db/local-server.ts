// Provider "local": a private mariadbd/mysqld from this machine's packages, in a
// temporary directory, on a free loopback port. Starts in about a second, stops in less.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../../lib/config.ts';
import { oneLine } from './errors.ts';
import { findServerBinary, userArgs } from './local-binary.ts';
import type { ServerBinary } from './local-binary.ts';
import { prepareDatadir } from './local-datadir.ts';
import { removeState, STATE_DIR, writeState } from './local-state.ts';
import { checkServer, waitForMysql } from './mysql-probe.ts';
import { freePort } from './ports.ts';
import { serverArgs } from './server-options.ts';
import { isUnavailable } from './types.ts';
import type { Attempt } from './types.ts';
import { mysqlUrl, newPassword } from './url.ts';

const DATABASE = 'settings';
const USER = 'bench';
const ADMIN = 'bench_admin';
const STOP_TIMEOUT_MS = 10_000;
const LOG_TAIL_LINES = 15;

type Files = {
  readonly dir: string;
  readonly data: string;
  readonly socket: string;
  readonly pid: string;
  readonly errorLog: string;
  readonly initSql: string;
};

export async function startLocalServer(config: Config): Promise<Attempt> {
  const binary = await findServerBinary(config);
  if (isUnavailable(binary)) return binary;

  const id = `local-${process.pid}-${randomBytes(4).toString('hex')}`;
  const files = filesIn(path.join(STATE_DIR, id));
  const state = { ownerPid: process.pid, dir: files.dir, datadir: files.data, startedAt: new Date().toISOString() };
  // Written before anything exists, so a run killed at any point leaves nothing unnoted.
  await writeState(id, { ...state, serverPid: null });
  await mkdir(files.dir, { recursive: true, mode: 0o700 });
  try {
    await prepareDatadir(binary, files.data, path.join(files.dir, 'template'));
  } catch (error) {
    await rm(files.dir, { recursive: true, force: true });
    await removeState(id);
    throw error;
  }

  const secrets = { password: newPassword(), adminPassword: newPassword() };
  await writeFile(files.initSql, initSql(secrets), { mode: 0o600 });
  const port = await freePort();
  const child = spawn(binary.path, startArgs(binary, files, port, config), { stdio: 'ignore' });
  let spawnError: string | undefined;
  child.once('error', (error) => (spawnError = oneLine(error)));
  if (child.pid !== undefined) await writeState(id, { ...state, serverPid: child.pid });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= stopServer(child, files.dir, id));

  const url = mysqlUrl({ user: USER, password: secrets.password, host: '127.0.0.1', port, database: DATABASE });
  const adminUrl = mysqlUrl({ user: ADMIN, password: secrets.adminPassword, host: '127.0.0.1', port, database: DATABASE });
  try {
    const info = await waitForMysql(url, {
      timeoutMs: config.dbStartTimeout * 1000,
      gone: async () => spawnError ?? exitReason(child),
      logTail: () => tail(files.errorLog),
    });
    checkServer(info, config.dbMaxConnections);
    // The server has run it; the password need not stay on disk.
    await rm(files.initSql, { force: true });
    const summary = `local ${path.basename(binary.path)} ${binary.version} on 127.0.0.1:${port}`;
    return { provider: 'local', url, adminUrl, summary, server: info, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function filesIn(dir: string): Files {
  return {
    dir,
    data: path.join(dir, 'data'),
    socket: path.join(dir, 'mysqld.sock'),
    pid: path.join(dir, 'mysqld.pid'),
    errorLog: path.join(dir, 'error.log'),
    initSql: path.join(dir, 'init.sql'),
  };
}

function startArgs(binary: ServerBinary, files: Files, port: number, config: Config): string[] {
  return [
    '--no-defaults', // must come first: ignore the machine's my.cnf
    `--datadir=${files.data}`,
    ...userArgs(),
    '--bind-address=127.0.0.1',
    `--port=${port}`,
    `--socket=${files.socket}`,
    `--pid-file=${files.pid}`,
    `--log-error=${files.errorLog}`,
    `--init-file=${files.initSql}`,
    ...(binary.flavor === 'mysql' ? mysqlOnlyArgs(files) : []),
    ...serverArgs(config.dbMaxConnections, config.dbPerformanceSchema),
  ];
}

function mysqlOnlyArgs(files: Files): string[] {
  return [
    // The X protocol listens on 33060 by default and would clash with a second server.
    '--mysqlx=OFF',
    // The compiled-in default (/var/lib/mysql-files) rarely exists, and mysqld refuses
    // to start without it; the server's own directory is as private.
    `--secure-file-priv=${files.dir}`,
  ];
}

// The init file cannot take placeholders; passwords are base64url (no quotes, no
// backslashes), so they are safe inside a SQL string literal. One statement per line,
// no comments: MySQL's --init-file parser is strict about both. root exists only as
// root@localhost (the socket), so TCP needs users of its own.
function initSql(secrets: { readonly password: string; readonly adminPassword: string }): string {
  return [
    `CREATE DATABASE IF NOT EXISTS \`${DATABASE}\`;`,
    `CREATE USER '${USER}'@'127.0.0.1' IDENTIFIED BY '${secrets.password}';`,
    `GRANT ALL ON \`${DATABASE}\`.* TO '${USER}'@'127.0.0.1';`,
    `CREATE USER '${ADMIN}'@'127.0.0.1' IDENTIFIED BY '${secrets.adminPassword}';`,
    `GRANT ALL ON *.* TO '${ADMIN}'@'127.0.0.1' WITH GRANT OPTION;`,
    // The work counters read statement digests (bench/measure/statements/digests.ts).
    `GRANT SELECT ON performance_schema.* TO '${USER}'@'127.0.0.1';`,
    '',
  ].join('\n');
}

function exitReason(child: ChildProcess): string | undefined {
  if (child.exitCode !== null) return `exited with code ${child.exitCode}`;
  if (child.signalCode !== null) return `was killed by ${child.signalCode}`;
  return undefined;
}

async function stopServer(child: ChildProcess, dir: string, id: string): Promise<void> {
  if (exitReason(child) === undefined && child.pid !== undefined) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  await rm(dir, { recursive: true, force: true });
  await removeState(id);
}

async function tail(file: string): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    return text.trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n') || '(empty log)';
  } catch {
    return `(no log at ${file})`;
  }
}
