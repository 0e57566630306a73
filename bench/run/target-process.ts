// Starts any server under test — one of our variants, the Flask peer, a user's own — by
// the contract in peers/README.md: run a command with MYSQL_URL, HOST and PORT=0; wait
// for its one `ready <url>` line; check /health. The server runs in its own process
// group, so stopping it stops every process it forked (gunicorn's workers, say), and it
// holds a pipe on stdin: if this process dies without cleaning up, the pipe closes and a
// server started with EXIT_WITH_STDIN=1 exits by itself.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHttpJson } from '../measure/http-json.ts';

export type TargetCommand = {
  readonly command: string;
  readonly args: readonly string[];
  // Absolute, or relative to the repository root.
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
};

export type TargetProcess = {
  readonly name: string;
  readonly url: string;
  // The process the command started; its process group holds all of the server's processes.
  readonly pid: number;
  // SIGTERM, then SIGKILL after graceMs (5 s): a server writing a suite or flushing its
  // spans as it exits needs the time, and a killed one writes nothing.
  stop(graceMs?: number): Promise<void>;
};

export type StartOptions = {
  readonly name: string;
  readonly command: TargetCommand;
  readonly mysqlUrl: string;
  readonly readyTimeoutMs?: number;
};

const STOP_GRACE_MS = 5000;
const readyLine = /^ready (http:\/\/(?:127\.\d+\.\d+\.\d+|\[::1\]|localhost):\d+)\S*/;

export async function startTargetProcess(options: StartOptions): Promise<TargetProcess> {
  const { command } = options;
  const child = spawn(command.command, [...command.args], {
    cwd: command.cwd,
    env: { ...process.env, ...command.env, MYSQL_URL: options.mysqlUrl, HOST: '127.0.0.1', PORT: '0', EXIT_WITH_STDIN: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const stderr = tailOf(child, options.name);
  const stop = (graceMs = STOP_GRACE_MS): Promise<void> => stopGroup(child, graceMs);
  try {
    const url = await waitForReady(child, options.readyTimeoutMs ?? 30_000, stderr.text);
    await waitForHealth(url, options.name);
    stderr.forwardFromNowOn();
    return { name: options.name, url, pid: child.pid ?? -1, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// Keeps the last lines for error messages; once the server runs, whatever it says about
// itself (a 503's cause) is shown, each distinct line once.
function tailOf(child: ChildProcess, name: string): { text: () => string; forwardFromNowOn: () => void } {
  let text = '';
  let forwarding = false;
  let partial = '';
  const seen = new Set<string>();
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    text = (text + chunk).slice(-4000);
    if (!forwarding) return;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '' || seen.has(line)) continue;
      if (seen.size < 1000) seen.add(line);
      process.stderr.write(`  [${name} server] ${line}\n`);
    }
  });
  return { text: () => text, forwardFromNowOn: () => void (forwarding = true) };
}

function waitForReady(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`server did not print "ready <url>" within ${timeoutMs} ms: ${lastLine(stderr())}`)),
      timeoutMs,
    );
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = stdout.split('\n').map((line) => readyLine.exec(line)?.[1]).find((found) => found !== undefined);
      if (url === undefined) return;
      clearTimeout(timer);
      // Read on, so a chatty server never blocks on a full pipe.
      child.stdout?.removeAllListeners('data').resume();
      resolve(url);
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${lastLine(error.message)}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited before ready (${signal ?? `code ${code}`}): ${lastLine(stderr())}`));
    });
  });
}

async function waitForHealth(url: string, name: string): Promise<void> {
  let last = 'no answer';
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const health = await getHttpJson(`${url}/health`);
      if (health.status === 200) return;
      last = `answered ${health.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(`${name} printed ready but ${url}/health ${last}`);
}

async function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
  child.stdin?.destroy();
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid ?? -1, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Whatever the leader left running in its group (a worker it forked) goes with it.
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '(no output)';
}
