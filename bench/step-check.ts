// The check step: before anything is timed, every target must return the same data for
// the project, and the same request is counted at the database (deterministic figures,
// what CI gates on first). Its timing is the first sample of a slow cell.
import { compareToExpected, expectedPages } from './equivalence.ts';
import type { PlannedProject } from './plan.ts';
import type { RunState } from './run-state.ts';
import { cellKey, isHeadlineCell, pagePath } from './run-state.ts';
import { countedRequest } from './work-counters.ts';

export async function checkAndCount(state: RunState, project: PlannedProject): Promise<void> {
  // The expected answer comes from a lazy target, which answers cheaply: ours if measured.
  const lazy = state.running.filter((running) => running.target.maxCpuOnPage === 'lazy');
  const source = lazy.find((running) => running.target.name === 'optimized') ?? lazy[0] ?? state.running[0];
  if (source === undefined) return;
  const expected = await expectedPages(source.url, project.code, state.config.maxGidsPerRequest);
  const checked: string[] = [];
  for (const running of state.running) {
    const name = running.target.name;
    const tooSlow = predictedTooSlow(state, name, project);
    if (tooSlow !== undefined) {
      state.excluded.add(cellKey(name, project.gids));
      state.measurements.push({ kind: 'skipped', step: 'check', target: name, gids: project.gids, injectedMs: 0, reason: tooSlow });
      continue;
    }
    const counted = await countedRequest(state.admin, running.url + pagePath(project), running.pid);
    if (counted.status !== 200) throw new Error(`${name} answered ${counted.status} for ${project.code}`);
    const verdict = compareToExpected(running.target, counted.body, expected);
    if (!verdict.identical) throw new Error(`${name} returns different data for ${project.code}: ${verdict.detail}`);
    checked.push(name);
    state.checked.set(cellKey(name, project.gids), { ms: counted.ms, workers: counted.work.workers });
    state.measurements.push({
      kind: 'counters', target: name, project: project.code, gids: project.gids, route: 'settings', injectedMs: 0, requests: 1,
      ...counted.work,
    });
  }
  state.equivalence.push({ project: project.code, gids: project.gids, targets: checked, identical: true });
}

// One page of the next smaller project, scaled by the gid count, predicts this one.
function predictedTooSlow(state: RunState, target: string, project: PlannedProject): string | undefined {
  if (isHeadlineCell(state, target, project.gids, 0)) return undefined;
  const smaller = state.projects.filter((p) => p.gids < project.gids && state.checked.has(cellKey(target, p.gids))).at(-1);
  const measuredMs = smaller === undefined ? undefined : state.checked.get(cellKey(target, smaller.gids))?.ms;
  if (smaller === undefined || measuredMs === undefined) return undefined;
  const predictedSeconds = (measuredMs * (project.gids / smaller.gids)) / 1000;
  const { maxCellSeconds } = state.profile.pageLoad;
  if (predictedSeconds <= maxCellSeconds) return undefined;
  return `not measured: ${(measuredMs / 1000).toFixed(1)} s at ${smaller.gids} gids predicts ${predictedSeconds.toFixed(0)} s per page (over ${maxCellSeconds} s)`;
}
