// An initialised datadir for a local server. Initialising one costs 0.7 s on an idle
// machine and over 5 s on a busy one; a sparse copy of an initialised template costs
// about 0.2 s (its 96 MB redo log is all zeros). So each server binary initialises one
// template, once, next to the state files.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { oneLine } from './errors.ts';
import { findInstallDb, userArgs } from './local-binary.ts';
import type { ServerBinary } from './local-binary.ts';
import { STATE_DIR } from './local-state.ts';

const INIT_TIMEOUT_MS = 60_000;
const LOG_TAIL_LINES = 15;
const run = promisify(execFile);

// `scratch` lies inside the server's own directory, which the reaper removes, so an
// initialisation cut short by a kill leaves nothing behind.
export async function prepareDatadir(binary: ServerBinary, datadir: string, scratch: string): Promise<void> {
  const template = path.join(STATE_DIR, `template-${binary.flavor}-${binary.version}-${shortHash(binary.path)}`);
  if (!(await exists(path.join(template, 'ready')))) {
    await initialise(binary, path.join(scratch, 'data'), scratch);
    await writeFile(path.join(scratch, 'ready'), '');
    // A concurrent run may have renamed its template into place first; it is as good.
    await rename(scratch, template).catch(() => rm(scratch, { recursive: true, force: true }));
  }
  await copySparse(path.join(template, 'data'), datadir);
}

async function initialise(binary: ServerBinary, datadir: string, logDir: string): Promise<void> {
  let command: string;
  let args: string[];
  if (binary.flavor === 'mariadb') {
    const installDb = findInstallDb(binary);
    if (installDb === undefined) throw new Error(`mariadb-install-db not found (needed to initialise a datadir for ${binary.path})`);
    command = installDb;
    args = ['--no-defaults', `--datadir=${datadir}`, ...userArgs(), '--auth-root-authentication-method=normal', '--skip-test-db'];
  } else {
    // mysqld creates the datadir itself, but not its parent, and needs that for its log.
    await mkdir(logDir, { recursive: true });
    command = binary.path;
    args = ['--no-defaults', '--initialize-insecure', `--datadir=${datadir}`, ...userArgs(), `--log-error=${path.join(logDir, 'init.log')}`];
  }
  try {
    await run(command, args, { timeout: INIT_TIMEOUT_MS });
  } catch (error) {
    const output = String((error as { stderr?: unknown }).stderr ?? '').trim();
    const lastLines = output.split('\n').slice(-LOG_TAIL_LINES).join('\n');
    throw new Error(`initialising a datadir with ${command} failed: ${oneLine(error)}\n${lastLines}`);
  }
}

// GNU cp keeps the redo log's holes; elsewhere (BSD cp) a plain copy still works.
async function copySparse(from: string, to: string): Promise<void> {
  try {
    await run('cp', ['-a', '--sparse=always', from, to]);
  } catch {
    await rm(to, { recursive: true, force: true });
    await cp(from, to, { recursive: true });
  }
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}
