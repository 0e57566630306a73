// The start-servers step: every target started against the database (behind the latency
// proxy when a round trip is injected), warmed up, and stopped again on any exit.
import { onCleanup } from '../cleanup.ts';
import { startLatencyProxy } from '../../tools/latency/index.ts';
import type { LatencyProxy } from '../../tools/latency/types.ts';
import { viaProxy } from '../../tools/latency/types.ts';
import { timeRequest } from '../../measure/page-load.ts';
import type { RunningTarget, RunState } from '../run-state.ts';
import { pagePath } from '../run-state.ts';
import { serverEnv } from '../server-env.ts';
import { startTargetProcess } from '../target-process.ts';

export async function startServers(state: RunState, injectedMs: number): Promise<void> {
  await stopServers(state);
  const remote = state.config.baseUrls;
  if (Object.keys(remote).length > 0) {
    state.running = state.targets.map((target): RunningTarget => {
      const url = remote[target.name];
      if (url === undefined) throw new Error(`--base-urls has no URL for target "${target.name}"`);
      return { target, url, pid: undefined, stop: async () => undefined };
    });
    return warmUp(state);
  }
  let mysqlUrl = state.database.url;
  if (injectedMs > 0) {
    state.proxy ??= await startProxy(state, injectedMs);
    await state.proxy.setLatency(injectedMs);
    mysqlUrl = viaProxy(state.database.url, state.proxy);
  }
  // Every target reads what it needs of these; each is one knob of lib/config.ts.
  const env = serverEnv(state.config);
  // One after another: sequential starts give clearer errors, and none is timed.
  for (const target of state.targets) {
    const server = await startTargetProcess({
      name: target.name,
      command: { ...target.command, env: { ...target.command.env, ...env } },
      mysqlUrl,
    });
    const forget = onCleanup(() => server.stop());
    state.running.push({ target, url: server.url, pid: server.pid, stop: async () => (forget(), await server.stop()) });
  }
  await warmUp(state);
}

export async function stopServers(state: RunState): Promise<void> {
  await Promise.all(state.running.map((running) => running.stop()));
  state.running = [];
}

// The smallest page once per server: pools and thread pools open their connections now,
// so the work counted later is each request's own.
async function warmUp(state: RunState): Promise<void> {
  const smallest = state.projects[0];
  if (smallest === undefined) return;
  for (const running of state.running) {
    const response = await timeRequest(running.url + pagePath(smallest), state.agent);
    if (response.status !== 200) throw new Error(`${running.target.name} answered ${response.status} for ${smallest.code}`);
  }
}

async function startProxy(state: RunState, initialMs: number): Promise<LatencyProxy> {
  const url = new URL(state.database.url);
  const proxy = await startLatencyProxy(
    { host: url.hostname, port: Number(url.port || 3306) },
    {
      prefer: state.config.latencyProxy,
      initialMs,
      toxiproxyImage: state.config.toxiproxyImage,
      containerNetwork: state.config.containerNetwork,
    },
    state.log,
  );
  onCleanup(() => proxy.stop());
  return proxy;
}
