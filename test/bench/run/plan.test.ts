import { describe, expect, it } from 'vitest';
import { planRun, stepKey } from '../../../bench/run/plan.ts';
import { suites } from '../../../bench/run/suites.ts';

describe('planRun', () => {
  const projects = [30, 100, 300, 1000].map((gids) => ({ code: `p${gids}`, gids }));
  const steps = planRun({ suite: suites.full, targets: ['baseline', 'optimized'], projects, remote: false, countersOnly: false, micro: true });

  it('runs the open loop after every closed-loop repetition, once per capacity share, size and target', () => {
    const kinds = steps.map((step) => step.kind);
    const lastClosed = kinds.lastIndexOf('load');
    const open = steps.filter((step) => step.kind === 'open-load');
    expect(kinds.indexOf('open-load')).toBeGreaterThan(lastClosed);
    const { capacityPercents } = suites.full.load.openLoop;
    expect(open).toHaveLength(capacityPercents.length * suites.full.load.sizes.length * 2);
    expect(new Set(open.map(stepKey)).size).toBe(open.length);
  });

  it('restarts the servers once per injected latency, the headline\'s and the sweep\'s together', () => {
    const restarts = steps.filter((step) => step.kind === 'start-servers').map((step) => step.injectedMs);
    expect(restarts).toEqual([...new Set([0, ...suites.full.headline.latenciesMs, ...suites.full.latencySweep.latenciesMs])].sort((a, b) => a - b));
  });

  it('plans enough repetitions for an A/A check of 4 against 4', () => {
    for (const suite of Object.values(suites)) {
      expect(suite.pageLoad.repetitions).toBeGreaterThanOrEqual(8);
      expect(suite.load.repetitions).toBeGreaterThanOrEqual(8);
      expect(suite.micro.repetitions).toBeGreaterThanOrEqual(8);
    }
  });
});

describe('planRun with two revisions', () => {
  const projects = [{ code: 'small', gids: 30 }, { code: 'large', gids: 100 }];
  const targets = ['optimized@abc1234', 'optimized', 'baseline@abc1234', 'baseline'];
  const input = { suite: suites.quick, targets, projects, remote: false, countersOnly: false, micro: true };

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
