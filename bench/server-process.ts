// Runs one variant's API server in a child process and waits for its `ready` message.
// The child gets an IPC channel: if this process dies, the child's 'disconnect' fires
// and it exits, so no server outlives its harness.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export type ServerProcess = {
  readonly variant: string;
  readonly url: string;
  readonly pid: number;
  // SIGTERM, then SIGKILL after graceMs (5 s): a server writing a profile or flushing
  // its spans as it exits needs the time, and a killed one writes nothing.
  stop(graceMs?: number): Promise<void>;
};

export type ServerProcessOptions = {
  readonly variant: string;
  readonly mysqlUrl: string;
  // Extra environment (POOL_SIZE, SETTINGS_CHUNK_SIZE, TRACE_FILE, ...) passed to lib/config.ts.
  readonly env?: Readonly<Record<string, string>>;
  readonly execArgv?: readonly string[];
  readonly readyTimeoutMs?: number;
};

const serveScript = fileURLToPath(new URL('../lib/serve.ts', import.meta.url));

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const child = fork(serveScript, ['--variant', options.variant, '--port', '0'], {
    // Tracing only when asked for here: a TRACE_FILE left in the shell must not put its
    // cost into a benchmark.
    env: { ...process.env, TRACE_FILE: '', ...options.env, MYSQL_URL: options.mysqlUrl },
    execArgv: [...(options.execArgv ?? [])],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  let ready = false;
  let partial = '';
  const forwarded = new Set<string>();
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
    if (!ready) return;
    // Once running, whatever the server says about itself (a 503's cause) is worth seeing,
    // once: a database gone under load would otherwise repeat one line per request.
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '' || forwarded.has(line)) continue;
      if (forwarded.size < 1000) forwarded.add(line);
      process.stderr.write(`  [${options.variant} server] ${line}\n`);
    }
  });

  const url = await waitForReady(child, options.readyTimeoutMs ?? 20_000, () => stderr);
  ready = true;
  return { variant: options.variant, url, pid: child.pid ?? -1, stop: (graceMs = 5000) => stopChild(child, graceMs) };
}

function waitForReady(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not report ready within ${timeoutMs} ms: ${lastLine(stderr())}`));
    }, timeoutMs);
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message.type === 'ready' && typeof message.url === 'string') {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited before ready (${signal ?? `code ${code}`}): ${lastLine(stderr())}`));
    });
  });
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '(no output)';
}
