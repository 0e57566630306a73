import { describe, expect, it } from 'vitest';
import { referenceProblems } from '../../../bench/report/reference.ts';
import { makeReport } from '../../support/report-fixture.ts';

describe('referenceProblems', () => {
  const full = (): ReturnType<typeof makeReport> => {
    const report = makeReport();
    return { ...report, parameters: { ...report.parameters, suite: 'full' } };
  };

  it('accepts a full run from a clean commit on a quiet machine', () => {
    expect(referenceProblems(full())).toEqual([]);
  });

  it('refuses a busy machine, a dirty tree and another suite, with every reason', () => {
    const report = makeReport({ machine: { loadBefore: 20, outsideCpuSeconds: 1000 } });
    report.environment.git.dirty = true;
    const problems = referenceProblems(report);
    expect(problems).toEqual([
      'it ran the fixture suite, not full',
      'it was measured from a tree with uncommitted changes (000000000000+dirty)',
      expect.stringContaining('the machine was busy: the load average was 20.0'),
      expect.stringContaining('the machine was busy: processes outside the run used 1.67 cores'),
    ]);
  });
});
