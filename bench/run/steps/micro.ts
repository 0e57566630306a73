// The micro step: the data-access strategies themselves, without HTTP (tinybench), on
// the largest project's first gids, plus the floor: one raw batched query.
import { closeDataAccess, openDataAccess } from '../../../lib/data-access.ts';
import { findProject } from '../../../lib/project.ts';
import { onCleanup } from '../cleanup.ts';
import { microTasks, openBareConnection, runMicroTasks } from '../../measure/micro.ts';
import type { MicroSample } from '../../measure/micro.ts';
import type { Step } from '../plan.ts';
import type { RunState } from '../run-state.ts';
import { measureNodeThreads, measurePythonThreads } from '../../measure/thread-cost.ts';

async function openMicro(state: RunState): Promise<NonNullable<RunState['micro']>> {
  const db = openDataAccess(state.database.url, state.config);
  const bare = await openBareConnection(state.database.url);
  onCleanup(async () => {
    await closeDataAccess(db);
    await bare.end();
  });
  const largest = state.projects.at(-1);
  const project = largest === undefined ? undefined : await findProject(db, largest.code);
  if (project === undefined) throw new Error('no project to run micro-benchmarks on');
  return { db, bare, project };
}

export async function measureMicro(state: RunState, step: Extract<Step, { kind: 'micro' }>): Promise<void> {
  state.micro ??= await openMicro(state);
  const gids = state.micro.project.groups.slice(0, step.gids).map((group) => group.gid);

  const { micro } = state.suite;
  const tasks = microTasks.filter((task) => task.threadPerGid !== true || step.gids <= micro.maxWorkerGids);
  if (step.repetition === 0) {
    for (const task of microTasks.filter((candidate) => !tasks.includes(candidate))) {
      state.measurements.push({
        kind: 'skipped',
        step: 'micro',
        target: task.name,
        gids: step.gids,
        injectedMs: 0,
        reason: `starts a thread per gid; above ${micro.maxWorkerGids} gids see the page-load figures`,
      });
    }
  }
  recordMicro(state, step.gids, step.repetition, await runMicroTasks(tasks, { ...state.micro, gids }, micro));
}

// One thread started and joined, bare and doing one gid's work: recorded as micro
// measurements of one gid.
export async function measureThreadCost(state: RunState, step: Extract<Step, { kind: 'thread-cost' }>): Promise<void> {
  state.micro ??= await openMicro(state);
  const gids = state.micro.project.groups.slice(0, 1).map((group) => group.gid);
  const { micro } = state.suite;
  recordMicro(state, 1, step.repetition, await measureNodeThreads({ ...state.micro, gids }, micro));
  const gid = { projectId: state.micro.project.id, gid: gids[0] ?? 0 };
  const python = await measurePythonThreads(state.database.url, gid, Math.max(micro.iterations, 20));
  if (typeof python !== 'string') recordMicro(state, 1, step.repetition, python);
  else if (step.repetition === 0) {
    state.measurements.push({ kind: 'skipped', step: 'micro', target: 'one thread: Python', gids: 1, injectedMs: 0, reason: python });
  }
}

function recordMicro(state: RunState, gids: number, repetition: number, samples: readonly MicroSample[]): void {
  for (const sample of samples) state.measurements.push({ kind: 'micro', gids, injectedMs: 0, repetition, ...sample });
}
