// Stops what an earlier run left behind when it was SIGKILLed (no cleanup could run):
// local servers found through their state files, containers through their labels.
// Only things whose owner process is gone are touched; a concurrent run's are not.
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../../../lib/config.ts';
import { LABELS } from './container-labels.ts';
import { reachRuntime } from './container-runtime.ts';
import { oneLine } from './errors.ts';
import { readStates, removeState } from './local-state.ts';
import type { LocalState } from './local-state.ts';
import { isUnavailable } from './types.ts';

const KILL_WAIT_MS = 5_000;

// Never fatal: a leftover that cannot be removed must not stop today's run.
export async function reapLeftovers(config: Config, log: (line: string) => void): Promise<void> {
  await reapLocalServers(log).catch((error: unknown) => log(`reaping local servers failed: ${oneLine(error)}`));
  await reapContainers(config, log).catch((error: unknown) => log(`reaping containers failed: ${oneLine(error)}`));
}

export async function reapLocalServers(log: (line: string) => void): Promise<void> {
  for (const { id, state } of await readStates()) {
    if (isAlive(state.ownerPid)) continue;
    const killed = await killServer(state);
    await rm(state.dir, { recursive: true, force: true });
    await removeState(id);
    const what = killed ? `killed server pid ${state.serverPid}` : 'no server running';
    log(`reaped local database left by pid ${state.ownerPid} (${what}), removed ${state.dir}`);
  }
}

async function reapContainers(config: Config, log: (line: string) => void): Promise<void> {
  const client = await reachRuntime(config);
  if (isUnavailable(client)) return; // no runtime here, so nothing of ours runs in it
  const dockerode = client.container.dockerode;
  const ours = await dockerode.listContainers({ all: true, filters: { label: [LABELS.ownerPid] } });
  for (const info of ours) {
    const ownerPid = Number(info.Labels[LABELS.ownerPid]);
    if (info.Labels[LABELS.host] !== os.hostname() || isAlive(ownerPid)) continue;
    try {
      await dockerode.getContainer(info.Id).remove({ force: true, v: true });
      log(`reaped container ${info.Id.slice(0, 12)} (${info.Image}) left by pid ${ownerPid}`);
    } catch (error) {
      log(`could not remove leftover container ${info.Id.slice(0, 12)}: ${oneLine(error)}`);
    }
  }
}

// A label or file we cannot read counts as alive: better to leave it than to guess.
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// The pid may have been reused by an unrelated process since: kill it only if its
// command line still names our datadir. Returns whether a server was killed.
async function killServer(state: LocalState): Promise<boolean> {
  const pid = state.serverPid;
  if (pid === null || !(await runsOurDatadir(pid, state.datadir))) return false;
  // SIGKILL, not SIGTERM: the data is about to be deleted anyway.
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + KILL_WAIT_MS;
  while ((await runsOurDatadir(pid, state.datadir)) && Date.now() < deadline) await sleep(20);
  return true;
}

// A zombie (killed, not yet waited for by its new parent) has an empty command line
// and holds no files, so it counts as gone.
async function runsOurDatadir(pid: number, datadir: string): Promise<boolean> {
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.split('\0').includes(`--datadir=${datadir}`);
  } catch {
    return false;
  }
}
