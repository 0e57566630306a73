// The page-load step: one repetition of one cell, sequential requests on one kept-alive
// connection. How many requests a cell gets is decided once, from its first request:
// - a fast cell: up to requestsPerRepetition in every repetition, within secondsPerCell;
//   its first request (the check step's, at 0 ms) was its warm-up;
// - a slow cell: one request in each of its first minSamples repetitions, the first
//   request counted as the first sample (a page of minutes has no warm-up to shed);
// - a cell whose minSamples would take over maxCellSeconds: not timed, with the reason,
//   unless it is one of the headline's cells without injected latency. Behind injected
//   latency a page is at least as slow as its checked page at 0 ms, so a cell that this
//   lower bound already rules out is skipped without timing one more page of minutes.
import type { Step } from '../plan.ts';
import { stepKey } from '../plan.ts';
import { timeSequentialRequests } from '../../measure/page-load.ts';
import type { CellPlan, RunState } from '../run-state.ts';
import { cellKey, isHeadlineCell, pagePath, pairName, runningTarget } from '../run-state.ts';

type PageLoadStep = Extract<Step, { kind: 'page-load' }>;

export async function measurePageLoad(state: RunState, step: PageLoadStep): Promise<void> {
  if (state.excluded.has(cellKey(step.target, step.project.gids))) return;
  const url = runningTarget(state, step.target).url + pagePath(step.project);
  const cell = { target: step.target, gids: step.project.gids, injectedMs: step.injectedMs };
  const planKey = stepKey({ ...step, target: pairName(state, step.target) });
  let plan = state.pagePlans.get(planKey);
  let firstSamples: number[] = [];
  if (plan === undefined) {
    const atZeroMs = state.checked.get(cellKey(step.target, step.project.gids))?.ms;
    const ruledOut = step.injectedMs > 0 && atZeroMs !== undefined ? skipPlan(state, step, atZeroMs, 'at least') : undefined;
    if (ruledOut !== undefined) {
      state.pagePlans.set(planKey, ruledOut);
      state.measurements.push({ kind: 'skipped', step: 'page-load', ...cell, reason: ruledOut.reason });
      return;
    }
    const checkedMs = step.injectedMs === 0 ? atZeroMs : undefined;
    const firstMs = checkedMs ?? (await timeSequentialRequests(url, 1, state.agent))[0] ?? 0;
    plan = planCell(state, step, firstMs);
    state.pagePlans.set(planKey, plan);
    if (plan.kind === 'skip') {
      state.measurements.push({ kind: 'skipped', step: 'page-load', ...cell, reason: plan.reason });
      return;
    }
    if (plan.kind === 'slow') firstSamples = [firstMs];
  }
  if (plan.kind === 'skip') {
    // Decided for its twin: skipped alike, with the same reason.
    if (step.repetition === 0) state.measurements.push({ kind: 'skipped', step: 'page-load', ...cell, reason: plan.reason });
    return;
  }
  if (step.repetition >= plan.repetitions) return;
  const more = await timeSequentialRequests(url, plan.requests - firstSamples.length, state.agent);
  const samplesMs = [...firstSamples, ...more];
  state.measurements.push({ kind: 'page-load', ...cell, project: step.project.code, repetition: step.repetition, samplesMs });
}

// The skip rule: minSamples pages of `pageMs` would take longer than a cell may.
function skipPlan(state: RunState, step: PageLoadStep, pageMs: number, bound: 'at least' | 'exactly'): Extract<CellPlan, { kind: 'skip' }> | undefined {
  const { pageLoad } = state.suite;
  const minimumSeconds = (pageMs * pageLoad.minSamples) / 1000;
  if (minimumSeconds <= pageLoad.maxCellSeconds || isHeadlineCell(state, pairName(state, step.target), step.project.gids, step.injectedMs)) return undefined;
  const each = (pageMs / 1000).toFixed(1);
  const pages = bound === 'exactly'
    ? `${pageLoad.minSamples} pages of ${each} s would take ${minimumSeconds.toFixed(0)} s`
    : `${pageLoad.minSamples} pages of at least ${each} s (its page at +0 ms) would take over ${minimumSeconds.toFixed(0)} s`;
  return { kind: 'skip', reason: `not timed: ${pages} (over ${pageLoad.maxCellSeconds} s per cell)` };
}

function planCell(state: RunState, step: PageLoadStep, firstMs: number): CellPlan {
  const { pageLoad } = state.suite;
  const skip = skipPlan(state, step, firstMs, 'exactly');
  if (skip !== undefined) return skip;
  const affordable = Math.floor((pageLoad.secondsPerCell * 1000) / (Math.max(firstMs, 0.001) * pageLoad.repetitions));
  if (affordable < 1) return { kind: 'slow', requests: 1, repetitions: pageLoad.minSamples };
  return { kind: 'fast', requests: Math.min(pageLoad.requestsPerRepetition, affordable), repetitions: pageLoad.repetitions };
}
