// A note on disk for every local server, so that a run that was SIGKILLed (no cleanup
// ran) can be found and stopped by the next run (reaper.ts).
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type LocalState = {
  readonly ownerPid: number;
  // null while the datadir is being initialised, before the server runs.
  readonly serverPid: number | null;
  // The server's own directory: datadir, socket, logs. Removed as a whole.
  readonly dir: string;
  // What the server's command line contains, to recognise it before killing a pid.
  readonly datadir: string;
  readonly startedAt: string;
};

// Fixed, so that any later run finds it.
export const STATE_DIR = path.join(os.tmpdir(), 'settings-bench');

export function statePath(id: string): string {
  return path.join(STATE_DIR, `${id}.json`);
}

export async function writeState(id: string, state: LocalState): Promise<void> {
  await mkdir(STATE_DIR, { recursive: true });
  await writeFile(statePath(id), `${JSON.stringify(state)}\n`);
}

export async function removeState(id: string): Promise<void> {
  await rm(statePath(id), { force: true });
}

export async function readStates(): Promise<{ readonly id: string; readonly state: LocalState }[]> {
  let names: string[];
  try {
    names = await readdir(STATE_DIR);
  } catch {
    return [];
  }
  const states = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    try {
      const state = JSON.parse(await readFile(path.join(STATE_DIR, name), 'utf8')) as LocalState;
      states.push({ id: name.slice(0, -'.json'.length), state });
    } catch {
      // Half-written or removed meanwhile by a concurrent run: not ours to judge.
    }
  }
  return states;
}
