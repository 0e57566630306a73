// Optional CPU pinning (`--pin-cpus 0:1`): the harness, which generates the load and
// times the pages, on one set of CPUs, the servers under test on another, so that the
// load generator and the server do not take turns on the same core. taskset(1) with -a
// applies to every thread a process has; threads started later inherit it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { processTable } from './proc-stat.ts';

const run = promisify(execFile);

export type CpuPinning = { readonly harness: string; readonly targets: string };

// "0:1" or "0:1-3": taskset CPU lists for the harness and for the targets.
export function parsePinning(text: string): CpuPinning | null {
  if (text === '') return null;
  const match = /^([\d,-]+):([\d,-]+)$/.exec(text);
  if (match === null) throw new Error(`--pin-cpus ${text}: expected <harness CPUs>:<target CPUs>, e.g. 0:1`);
  return { harness: match[1] as string, targets: match[2] as string };
}

async function pin(pid: number, cpus: string): Promise<void> {
  try {
    await run('taskset', ['-a', '-p', '-c', cpus, String(pid)]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error('--pin-cpus needs taskset (apt-get install util-linux)');
    throw new Error(`taskset could not pin process ${pid} to CPUs ${cpus}: ${(error as Error).message.split('\n')[0]}`);
  }
}

export function pinHarness(pinning: CpuPinning): Promise<void> {
  return pin(process.pid, pinning.harness);
}

// A target is a process group (a gunicorn master and its workers): every member is pinned.
export async function pinProcessGroup(leader: number, cpus: string): Promise<void> {
  for (const member of (await processTable()).filter((stat) => stat.group === leader)) {
    await pin(member.pid, cpus).catch((error: unknown) => {
      // A process that exited between the listing and taskset needs no pinning.
      if (!(error instanceof Error && /No such process/.test(error.message))) throw error;
    });
  }
}
