// The check step: before anything is timed, every target must return the same data for
// the project, and the work of each of its routes is counted at the database:
// - settings: the page (its timing is the first sample of a slow cell);
// - max-cpus: max CPU for every gid of the page, as the lazy page's CPU panel asks for it;
// - ui: the HTML page. A target that serves no UI page (404) has that route skipped, said so.
// These are the deterministic figures CI gates on first.
import { compareMaxCpusToExpected, compareToExpected, expectedPages, maxCpusPaths } from '../../measure/equivalence.ts';
import type { ExpectedPages } from '../../measure/equivalence.ts';
import type { PlannedProject } from '../plan.ts';
import type { CountersMeasurement } from '../../report/schema.ts';
import type { RunningTarget, RunState } from '../run-state.ts';
import { cellKey, isHeadlineCell, pagePath, pairName, twinsOf } from '../run-state.ts';
import type { CountedVisit } from '../../measure/work-counters.ts';

type Route = CountersMeasurement['route'];

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
      for (const route of ['settings', 'max-cpus'] as const) skip(state, name, project, route, tooSlow);
      await countUi(state, running, project);
      continue;
    }
    const page = await count(state, running, project, 'settings', [pagePath(project)]);
    const verdict = compareToExpected(running.target, answer(name, page.responses[0]?.text), expected);
    if (!verdict.identical) throw new Error(`${name} returns different data for ${project.code}: ${verdict.detail}`);
    const pageMs = page.responses[0]?.ms ?? 0;
    state.checked.set(cellKey(name, project.gids), { ms: pageMs, workers: page.work.workers });
    const slowEager = slowEagerPage(state, running, pageMs);
    if (slowEager === undefined) await countMaxCpus(state, running, project, expected);
    else skip(state, name, project, 'max-cpus', slowEager);
    await countUi(state, running, project);
    checked.push(name);
  }
  state.equivalence.push({ project: project.code, gids: project.gids, targets: checked, identical: true });
}

// An eager page computes max CPU the way its /max-cpus does: when the page alone took
// longer than a cell may, counting /max-cpus too would repeat minutes of the same
// strategy for counts the smaller sizes already give.
function slowEagerPage(state: RunState, running: RunningTarget, pageMs: number): string | undefined {
  const { maxCellSeconds } = state.suite.pageLoad;
  if (running.target.maxCpuOnPage !== 'eager' || pageMs / 1000 <= maxCellSeconds) return undefined;
  return `not counted: its eager page took ${(pageMs / 1000).toFixed(1)} s (over ${maxCellSeconds} s), and /max-cpus runs the same strategy; see the smaller sizes`;
}

async function countMaxCpus(state: RunState, running: RunningTarget, project: PlannedProject, expected: ExpectedPages): Promise<void> {
  const gids = expected.lazy.groups.map((group) => group.gid);
  if (gids.length === 0) return skip(state, running.target.name, project, 'max-cpus', 'the project has no gids to ask for');
  const visit = await count(state, running, project, 'max-cpus', maxCpusPaths(project.code, gids, state.config.maxGidsPerRequest));
  const verdict = compareMaxCpusToExpected(visit.responses.map((response) => answer(running.target.name, response.text)), expected);
  if (!verdict.identical) throw new Error(`${running.target.name} /max-cpus returns different data for ${project.code}: ${verdict.detail}`);
}

async function countUi(state: RunState, running: RunningTarget, project: PlannedProject): Promise<void> {
  const path = `/?project=${project.code}`;
  await count(state, running, project, 'ui', [path], (status) =>
    status === 404 ? `no UI page: GET ${path} answered 404 (a target need not serve one)` : undefined,
  );
}

// Counts one visit of a route and records it; a non-200 answer fails the run unless
// `skipWhen` names it a route the target does not serve.
async function count(
  state: RunState,
  running: RunningTarget,
  project: PlannedProject,
  route: Route,
  paths: readonly string[],
  skipWhen: (status: number) => string | undefined = () => undefined,
): Promise<CountedVisit> {
  const name = running.target.name;
  const visit = await state.counter.countRequests(paths.map((path) => running.url + path), running.pid);
  const failed = visit.responses.find((response) => response.status !== 200);
  if (failed !== undefined) {
    const reason = skipWhen(failed.status);
    if (reason === undefined) throw new Error(`${name} answered ${failed.status} for ${route} of ${project.code}`);
    skip(state, name, project, route, reason);
    return visit;
  }
  for (const disagreement of visit.disagreements) state.log(`warning: ${name} ${route} ${project.gids} gids: ${disagreement}`);
  state.measurements.push({
    kind: 'counters', target: name, project: project.code, gids: project.gids, route, injectedMs: 0, requests: paths.length,
    ...visit.work,
    fingerprints: visit.work.fingerprints === null ? null : [...visit.work.fingerprints],
    queries: visit.work.statementsByKind['select'] ?? 0,
  });
  return visit;
}

// A 200 that is not JSON is a wrong answer, said as such.
function answer(target: string, text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '') as unknown;
  } catch {
    throw new Error(`${target} answered 200 with non-JSON: ${(text ?? '').slice(0, 200)}`);
  }
}

function skip(state: RunState, target: string, project: PlannedProject, route: Route, reason: string): void {
  state.measurements.push({ kind: 'skipped', step: 'check', route, target, gids: project.gids, injectedMs: 0, reason });
}

// One page of the next smaller project, scaled by the gid count, predicts this one; of
// twins from two revisions the slower predicts for both.
function predictedTooSlow(state: RunState, target: string, project: PlannedProject): string | undefined {
  if (isHeadlineCell(state, pairName(state, target), project.gids, 0)) return undefined;
  const twins = twinsOf(state, target);
  const smaller = state.projects.filter((p) => p.gids < project.gids && twins.some((name) => state.checked.has(cellKey(name, p.gids)))).at(-1);
  const timings = smaller === undefined ? [] : twins.flatMap((name) => state.checked.get(cellKey(name, smaller.gids))?.ms ?? []);
  const measuredMs = timings.length === 0 ? undefined : Math.max(...timings);
  if (smaller === undefined || measuredMs === undefined) return undefined;
  const predictedSeconds = (measuredMs * (project.gids / smaller.gids)) / 1000;
  const { maxCellSeconds } = state.suite.pageLoad;
  if (predictedSeconds <= maxCellSeconds) return undefined;
  return `not measured: ${(measuredMs / 1000).toFixed(1)} s at ${smaller.gids} gids predicts ${predictedSeconds.toFixed(0)} s per page (over ${maxCellSeconds} s)`;
}
