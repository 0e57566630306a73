// The load step: concurrent users for a fixed time (autocannon), for every target whose
// page fits in the load window and whose threads fit the machine.
import { setTimeout as sleep } from 'node:timers/promises';
import { getHttpJson } from './http-json.ts';
import { runLoad } from './load.ts';
import type { Step } from './plan.ts';
import type { RunState } from './run-state.ts';
import { cellKey, pagePath, runningTarget, twinsOf } from './run-state.ts';

export async function measureLoad(state: RunState, step: Extract<Step, { kind: 'load' }>): Promise<void> {
  const key = cellKey(step.target, step.project.gids);
  if (state.excluded.has(key)) return;
  const { load } = state.profile;
  // The check step counted every measured project before any load step runs; twins
  // from two revisions are judged by the slower of them, so both are loaded or neither.
  const checked = twinsOf(state, step.target).map((name) => state.checked.get(cellKey(name, step.project.gids)));
  const threads = Math.max(...checked.map((c) => c?.workers ?? 0)) * load.connections;
  const pageSeconds = Math.max(...checked.map((c) => c?.ms ?? 0)) / 1000;
  const reason =
    threads > load.maxConcurrentWorkers
      ? `${load.connections} concurrent pages would start ${threads} threads at once (limit ${load.maxConcurrentWorkers})`
      : pageSeconds > load.durationSeconds
        ? `one page alone takes ${pageSeconds.toFixed(1)} s, longer than the ${load.durationSeconds} s load window`
        : undefined;
  if (reason !== undefined) {
    if (step.repetition === 0) {
      state.measurements.push({ kind: 'skipped', step: 'load', target: step.target, gids: step.project.gids, injectedMs: 0, reason });
    }
    return;
  }
  const url = runningTarget(state, step.target).url;
  const result = await runLoad({
    url: url + pagePath(step.project),
    connections: load.connections,
    durationSeconds: load.durationSeconds,
    warmupSeconds: load.warmupSeconds,
    timeoutSeconds: 30,
  });
  state.measurements.push({
    kind: 'load',
    target: step.target,
    project: step.project.code,
    gids: step.project.gids,
    injectedMs: 0,
    repetition: step.repetition,
    connections: load.connections,
    durationSeconds: load.durationSeconds,
    ...result,
  });
  // Pages still running when autocannon stops would steal time from the next step.
  await waitUntilIdle(url);
}

// A server that does not report its handlers in flight is taken at its word.
async function waitUntilIdle(serverUrl: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const health = await getHttpJson(`${serverUrl}/health`);
    const inFlight = (health.body as { inFlight?: unknown }).inFlight;
    if (typeof inFlight !== 'number' || inFlight === 0) return;
    await sleep(200);
  }
  throw new Error(`${serverUrl} still busy 5 minutes after the load stopped`);
}
