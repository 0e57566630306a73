// The harness's handle on the local latency proxy (proxy-process.ts), a child process
// reached over IPC. It neither keeps the harness alive nor outlives it: the child exits
// when the IPC channel closes, which the kernel does even when the harness is SIGKILLed.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { checkLatency } from './proxy-messages.ts';
import type { FromProxy, ToProxy } from './proxy-messages.ts';
import type { LatencyProxy, ProxyTarget } from './types.ts';

export type LocalLatencyProxy = LatencyProxy & { readonly kind: 'local'; readonly pid: number };

const processScript = fileURLToPath(new URL('./proxy-process.ts', import.meta.url));
// Starting Node and binding a port takes well under a second even on a busy machine.
const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 2_000;

export async function startLocalProxy(target: ProxyTarget, initialMs: number): Promise<LocalLatencyProxy> {
  checkLatency(initialMs);
  const child = fork(processScript, [target.host, String(target.port), String(initialMs)], {
    // Not the harness's flags (an inspector port, a test runner's loaders): a plain Node.
    execArgv: [],
    // The proxy only speaks up when something is wrong.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await listeningPort(child);
  const requests = ipcRequests(child);
  let stopping: Promise<void> | undefined;
  return {
    kind: 'local',
    host: '127.0.0.1',
    port,
    pid: child.pid ?? -1,
    setLatency: async (ms) => requests.setLatency(checkLatency(ms)),
    stop: () => (stopping ??= stopChild(child)),
  };
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const settle = (finish: () => void): void => {
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit).off('error', onError);
      finish();
    };
    const fail = (reason: string): void =>
      settle(() => {
        child.kill('SIGKILL');
        reject(new Error(`latency proxy ${reason}`));
      });
    const onMessage = (message: FromProxy): void => {
      if (message.type === 'listening') settle(() => resolve(message.port));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      fail(`exited before listening (${signal ?? `code ${code}`}; see its stderr above)`);
    const onError = (error: Error): void => fail(`could not start: ${error.message}`);
    const timer = setTimeout(() => fail(`did not listen within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.on('message', onMessage).on('exit', onExit).on('error', onError);
  });
}

// Each setLatency waits for the proxy's acknowledgement, so measurements started after
// it see the new latency. The channel holds the harness's event loop only while an
// answer is awaited.
function ipcRequests(child: ChildProcess): { setLatency(ms: number): Promise<void> } {
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 0;
  child.unref();
  child.channel?.unref();

  const settle = (id: number, error?: Error): void => {
    const request = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) child.channel?.unref();
    if (error === undefined) request?.resolve();
    else request?.reject(error);
  };
  child.on('message', (message: FromProxy) => {
    if (message.type === 'latency-set') settle(message.id);
  });
  child.once('exit', (code, signal) => {
    const error = new Error(`latency proxy exited (${signal ?? `code ${code}`})`);
    for (const id of [...pending.keys()]) settle(id, error);
  });

  return {
    setLatency(ms) {
      if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.reject(new Error('latency proxy is not running'));
      }
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.channel?.ref();
        const message: ToProxy = { type: 'set-latency', id, ms };
        // With a callback, a closed channel is reported here instead of as an 'error'
        // event that nobody listens to.
        child.send(message, (error) => {
          if (error !== null) settle(id, error);
        });
      });
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
