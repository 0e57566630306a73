import { describe, expect, it } from 'vitest';
import { planRun, stepKey } from '../../bench/plan.ts';
import { profiles } from '../../bench/profiles.ts';

const projects = [30, 100, 300, 1000].map((gids) => ({ code: `p${gids}`, gids }));

describe('planRun', () => {
  const steps = planRun({ profile: profiles.full, targets: ['baseline', 'optimized'], projects, remote: false });

  it('runs the open loop after every closed-loop repetition, once per capacity share, size and target', () => {
    const kinds = steps.map((step) => step.kind);
    const lastClosed = kinds.lastIndexOf('load');
    const open = steps.filter((step) => step.kind === 'open-load');
    expect(kinds.indexOf('open-load')).toBeGreaterThan(lastClosed);
    const { capacityPercents } = profiles.full.load.openLoop;
    expect(open).toHaveLength(capacityPercents.length * profiles.full.load.sizes.length * 2);
    expect(new Set(open.map(stepKey)).size).toBe(open.length);
  });

  it('restarts the servers once per injected latency, the headline\'s and the sweep\'s together', () => {
    const restarts = steps.filter((step) => step.kind === 'start-servers').map((step) => step.injectedMs);
    expect(restarts).toEqual([...new Set([0, ...profiles.full.headline.latenciesMs, ...profiles.full.latencySweep.latenciesMs])].sort((a, b) => a - b));
  });

  it('plans enough repetitions for an A/A check of 4 against 4', () => {
    for (const profile of Object.values(profiles)) {
      expect(profile.pageLoad.repetitions).toBeGreaterThanOrEqual(8);
      expect(profile.load.repetitions).toBeGreaterThanOrEqual(8);
      expect(profile.micro.repetitions).toBeGreaterThanOrEqual(8);
    }
  });
});
