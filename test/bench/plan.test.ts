import { describe, expect, it } from 'vitest';
import { planRun } from '../../bench/plan.ts';
import { profiles } from '../../bench/profiles.ts';

const projects = [{ code: 'small', gids: 30 }, { code: 'large', gids: 100 }];
const targets = ['optimized@abc1234', 'optimized', 'baseline@abc1234', 'baseline'];
const input = { profile: profiles.quick, targets, projects, remote: false, countersOnly: false, micro: true };

describe('planRun', () => {
  it('interleaves the targets in every repetition, reversing the order every other one', () => {
    const order = (repetition: number): string[] =>
      planRun(input).flatMap((step) => (step.kind === 'page-load' && step.repetition === repetition && step.project.gids === 30 && step.injectedMs === 0 ? [step.target] : []));
    expect(order(0)).toEqual(targets);
    expect(order(1)).toEqual([...targets].reverse());
    const loads = planRun(input).flatMap((step) => (step.kind === 'load' && step.repetition === 1 ? [step.target] : []));
    expect(loads).toEqual([...targets].reverse());
  });

  it('counters only: start the servers and check, nothing timed', () => {
    expect(new Set(planRun({ ...input, countersOnly: true }).map((step) => step.kind))).toEqual(new Set(['start-servers', 'check']));
  });

  it('leaves the micro-benchmarks out when asked', () => {
    expect(planRun({ ...input, micro: false }).some((step) => step.kind === 'micro')).toBe(false);
    expect(planRun(input).some((step) => step.kind === 'micro')).toBe(true);
  });
});
