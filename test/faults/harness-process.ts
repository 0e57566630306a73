// Drives `node bench/run/cli.ts` as a real child process for the fault tests: waits for its
// progress lines, records every process it starts (by walking /proc for descendants
// while it runs), and afterwards tells what, if anything, outlived it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readStates, statePath } from '../../bench/tools/db/local-state.ts';
import type { LocalState } from '../../bench/tools/db/local-state.ts';

export const root = fileURLToPath(new URL('../../', import.meta.url));

// A process as /proc shows it; `start` (clock ticks since boot) tells a reused pid apart.
export type ProcessInfo = { readonly pid: number; readonly ppid: number; readonly start: string; readonly command: string };

// `at`: performance.now() of this process when the harness exited.
export type Exit = { readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly at: number };

export type Harness = {
  readonly pid: number;
  readonly marker: string;
  readonly stderrLines: () => string[];
  // Each complete stderr line with when it arrived (performance.now() of this process).
  readonly timedLines: () => { readonly at: number; readonly text: string }[];
  readonly stdout: () => string;
  // Resolves with the first stderr line matching; rejects if the harness exits first or on timeout.
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  // Every descendant seen so far (sampled every 100 ms while the harness runs).
  readonly seen: () => ProcessInfo[];
  // Snapshot now, so a process started a moment ago is recorded too.
  sampleNow(): void;
  readonly exited: Promise<Exit>;
  // SIGKILL of the whole group: for the test's own cleanup when something went wrong.
  forceStop(): void;
};

// Environment every bench run in these tests gets: a private local mariadbd (never the
// shared test database: some tests kill it), a small dataset, no container runtime.
export function faultEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['MYSQL_URL'];
  return {
    ...env,
    DB_PROVIDER: 'local',
    LATENCY_PROXY: 'local',
    PROJECT_SIZES: '30,60',
    SAMPLES_PER_GID: '60',
    ...extra,
  };
}

export function startHarness(args: readonly string[], env: NodeJS.ProcessEnv): Harness {
  // Inherited by everything the harness starts (servers, proxy, mariadbd), so a leftover
  // is found even after it was re-parented to init.
  const marker = randomUUID();
  const child: ChildProcess = spawn(process.execPath, ['bench/run/cli.ts', ...args], {
    cwd: root,
    env: { ...env, FAULT_TEST_MARKER: marker },
    // Its own process group, as a shell gives a foreground job: Ctrl-C reaches the group.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the harness');

  let stderr = '';
  let stdout = '';
  const timedLines: { at: number; text: string }[] = [];
  const waiters = new Set<() => void>();
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    const at = performance.now();
    const complete = (stderr + chunk).split('\n').slice(stderr.split('\n').length - 1, -1);
    for (const text of complete) timedLines.push({ at, text });
    stderr += chunk;
    for (const wake of waiters) wake();
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  const lines = (): string[] => stderr.split('\n').filter((line) => line !== '');

  const seen = new Map<string, ProcessInfo>();
  const sampleNow = (): void => {
    for (const info of descendantsOf(pid)) seen.set(`${info.pid}:${info.start}`, info);
  };
  const sampler = setInterval(sampleNow, 100);

  let done = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      clearInterval(sampler);
      const exit = { code, signal, at: performance.now() };
      // stdio may still hold the last bytes: wait until both streams closed.
      child.once('close', () => {
        done = true;
        for (const wake of waiters) wake();
        resolve(exit);
      });
    });
  });

  return {
    pid,
    marker,
    stderrLines: lines,
    timedLines: () => [...timedLines],
    stdout: () => stdout,
    seen: () => [...seen.values()],
    sampleNow,
    exited,
    forceStop: () => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
    waitForLine(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(() => reject(new Error(`no stderr line matching ${pattern} within ${timeoutMs} ms; stderr:\n${stderr}`))), timeoutMs);
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        const check = (): void => {
          const line = lines().find((candidate) => pattern.test(candidate));
          if (line !== undefined) finish(() => resolve(line));
          else if (done) finish(() => reject(new Error(`harness exited before a line matching ${pattern}; stderr:\n${stderr}`)));
        };
        waiters.add(check);
        check();
      });
    },
  };
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    if (state === 'Z' || state === 'X') return undefined; // exited, only waiting to be reaped
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid: Number(fields[1]), start: fields[19] ?? '', command };
  } catch {
    return undefined;
  }
}

function allProcesses(): ProcessInfo[] {
  const infos: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProcess(Number(name));
    if (info !== undefined) infos.push(info);
  }
  return infos;
}

// Every live process whose parent chain leads to `pid`.
export function descendantsOf(pid: number): ProcessInfo[] {
  const all = allProcesses();
  const children = new Map<number, ProcessInfo[]>();
  for (const info of all) children.set(info.ppid, [...(children.get(info.ppid) ?? []), info]);
  const found: ProcessInfo[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

// Which of these processes still run (same pid and same start time: not a reused pid).
export function stillRunning(infos: readonly ProcessInfo[]): ProcessInfo[] {
  return infos.filter((info) => readProcess(info.pid)?.start === info.start);
}

// Live processes that inherited the harness's marker, wherever they were re-parented.
export function carryingMarker(marker: string): ProcessInfo[] {
  const needle = `FAULT_TEST_MARKER=${marker}`;
  return allProcesses().filter((info) => {
    try {
      return readFileSync(`/proc/${info.pid}/environ`, 'utf8').split('\0').includes(needle);
    } catch {
      return false;
    }
  });
}

// The local database's state file(s) the harness wrote, read as bench/db reads them.
export async function statesOwnedBy(pid: number): Promise<{ file: string; state: LocalState }[]> {
  return (await readStates())
    .filter(({ state }) => state.ownerPid === pid)
    .map(({ id, state }) => ({ file: statePath(id), state }));
}

// Waits until the harness has written its database's state file with the server pid.
export async function databasePid(pid: number, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const serverPid = (await statesOwnedBy(pid)).map(({ state }) => state.serverPid).find((p) => p !== null);
    if (serverPid !== undefined && serverPid !== null) return serverPid;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`harness ${pid} wrote no database state file with a server pid within ${timeoutMs} ms`);
}

// Results directory contents, recursively, relative to it.
export async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

// Whole command lines: a clone in a deeper directory must not cut off `--variant baseline`.
export function describeProcesses(infos: readonly ProcessInfo[]): string {
  return infos.map((info) => `${info.pid} ${info.command}`).join('\n');
}

// What a stopped harness must leave behind: nothing. Every process it was seen to start
// is gone (checked by pid and start time, and by the inherited marker wherever a process
// was re-parented), its database's state file and directory are removed, and the
// results folder holds no report (complete or partial).
export type Leftovers = {
  readonly processes: ProcessInfo[];
  readonly stateFiles: string[];
  readonly resultsEntries: string[];
};

export async function leftovers(harness: Harness, resultsDir: string): Promise<Leftovers> {
  const byPid = stillRunning(harness.seen());
  const byMarker = carryingMarker(harness.marker).filter((info) => !byPid.some((known) => known.pid === info.pid));
  return {
    processes: [...byPid, ...byMarker],
    stateFiles: (await statesOwnedBy(harness.pid)).map(({ file }) => file),
    resultsEntries: await listTree(resultsDir),
  };
}

// Stderr lines that are neither progress nor the forwarded words of a server.
export function ownLines(lines: readonly string[]): string[] {
  return lines.filter((line) => !line.startsWith('  ['));
}

// A stack frame ("    at fn (file:line:col)") anywhere in the output means a crash was printed.
export const stackFrame = /^\s+at\s.+(:\d+:\d+\)?|native)/;
