// The load steps, for every target whose page fits in the load window and whose threads
// fit the machine:
// - closed loop: concurrent users for a fixed time (autocannon); a repetition that
//   completes nothing is recorded as it is (saturated), and the cell's later
//   repetitions are not run: they would only wait out the same pages again;
// - open loop: a constant arrival rate at a percentage of the capacity the closed loop
//   measured (median req/s over its repetitions).
import { setTimeout as sleep } from 'node:timers/promises';
import { getHttpJson } from '../../measure/http-json.ts';
import { runLoad } from '../../measure/load.ts';
import { encodeHistogram } from '../../measure/latency-histogram.ts';
import { runOpenLoop } from '../../measure/open-loop.ts';
import type { Step } from '../plan.ts';
import type { LoadMeasurement, Measurement } from '../../report/schema.ts';
import type { RunState } from '../run-state.ts';
import { cellKey, pagePath, runningTarget, twinsOf } from '../run-state.ts';
import { median } from '../../judge/stats/descriptive.ts';

type LoadStep = Extract<Step, { kind: 'load' }>;
type OpenLoadStep = Extract<Step, { kind: 'open-load' }>;

function cellOf(step: LoadStep | OpenLoadStep) {
  return { target: step.target, gids: step.project.gids, injectedMs: 0 };
}

function skip(state: RunState, step: LoadStep | OpenLoadStep, reason: string): void {
  state.measurements.push({ kind: 'skipped', step: step.kind, ...cellOf(step), reason });
}

function closedLoopRuns(state: RunState, step: LoadStep | OpenLoadStep): LoadMeasurement[] {
  return state.measurements.filter(
    (m: Measurement): m is LoadMeasurement => m.kind === 'load' && m.target === step.target && m.gids === step.project.gids,
  );
}

function whyNotLoaded(state: RunState, step: LoadStep): string | undefined {
  const { load } = state.suite;
  // The check step counted every measured project before any load step runs; twins
  // from two revisions are judged by the slower of them, so both are loaded or neither.
  const checked = twinsOf(state, step.target).map((name) => state.checked.get(cellKey(name, step.project.gids)));
  const threads = Math.max(...checked.map((c) => c?.workers ?? 0)) * load.connections;
  const pageSeconds = Math.max(...checked.map((c) => c?.ms ?? 0)) / 1000;
  if (threads > load.maxConcurrentWorkers) {
    return `${load.connections} concurrent pages would start ${threads} threads at once (limit ${load.maxConcurrentWorkers})`;
  }
  if (pageSeconds > load.durationSeconds) {
    return `one page alone takes ${pageSeconds.toFixed(1)} s, longer than the ${load.durationSeconds} s load window`;
  }
  return undefined;
}

export async function measureLoad(state: RunState, step: LoadStep): Promise<void> {
  if (state.excluded.has(cellKey(step.target, step.project.gids))) return;
  const reason = whyNotLoaded(state, step);
  if (reason !== undefined) {
    if (step.repetition === 0) skip(state, step, reason);
    return;
  }
  const saturated = closedLoopRuns(state, step).find((run) => run.requests === 0);
  if (saturated !== undefined) {
    if (saturated.repetition === step.repetition - 1) {
      skip(state, step, `saturated: repetition ${saturated.repetition + 1} completed no request in ${saturated.durationSeconds} s, so later repetitions were not run`);
    }
    return;
  }
  const { load } = state.suite;
  const url = runningTarget(state, step.target).url;
  const result = await runLoad({
    url: url + pagePath(step.project),
    connections: load.connections,
    durationSeconds: load.durationSeconds,
    warmupSeconds: load.warmupSeconds,
    timeoutSeconds: load.timeoutSeconds,
  });
  state.measurements.push({
    kind: 'load',
    ...cellOf(step),
    project: step.project.code,
    repetition: step.repetition,
    connections: load.connections,
    durationSeconds: load.durationSeconds,
    ...result,
  });
  // Pages still running when autocannon stops would steal time from the next step.
  await waitUntilIdle(url);
}

export async function measureOpenLoad(state: RunState, step: OpenLoadStep): Promise<void> {
  if (state.excluded.has(cellKey(step.target, step.project.gids))) return;
  const runs = closedLoopRuns(state, step);
  // Not loaded at all: the closed loop's skip already says why.
  if (runs.length === 0) return;
  const capacityPerSecond = median(runs.map((run) => run.requestsPerSecond));
  if (capacityPerSecond === 0) {
    if (step.capacityPercent !== state.suite.load.openLoop.capacityPercents[0]) return;
    return skip(state, step, 'saturated: the closed loop completed no request, so it has no capacity to take a percentage of');
  }
  const { openLoop } = state.suite.load;
  const offeredPerSecond = (capacityPerSecond * step.capacityPercent) / 100;
  if (offeredPerSecond * openLoop.durationSeconds < 1) {
    return skip(state, step, `${step.capacityPercent} % of ${capacityPerSecond.toFixed(2)} req/s is less than one request in the ${openLoop.durationSeconds} s window`);
  }
  const url = runningTarget(state, step.target).url;
  const result = await runOpenLoop({
    url: url + pagePath(step.project),
    ratePerSecond: offeredPerSecond,
    durationSeconds: openLoop.durationSeconds,
    maxInFlight: openLoop.maxInFlight,
    drainSeconds: openLoop.drainSeconds,
  });
  const { uncorrected, corrected, ...counts } = result;
  state.measurements.push({
    kind: 'open-load',
    ...cellOf(step),
    project: step.project.code,
    repetition: 0,
    capacityPercent: step.capacityPercent,
    capacityPerSecond,
    durationSeconds: openLoop.durationSeconds,
    ...counts,
    uncorrected: encodeHistogram(uncorrected),
    corrected: encodeHistogram(corrected),
  });
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
