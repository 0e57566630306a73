import { describe, expect, it } from 'vitest';
import { statementsSection } from '../../../bench/present/markdown-statements.ts';
import type { Report } from '../../../bench/report/schema.ts';
import { makeReport } from '../../support/report-fixture.ts';

describe('the repeated statements section', () => {
  it('lists each statement run more than once per request, per route and target, with its count at each size', () => {
    const section = statementsSection(makeReport());
    expect(section).toContain('| route | target | statement | × at 30 gids | × at 1000 gids |');
    expect(section).toContain('| settings | baseline | `SELECT name, status FROM profile_settings WHERE name = ? LIMIT ?` | 30 | 1000 |');
    expect(section).toContain('| settings | wave1-lazy | `SELECT name, status FROM profile_settings WHERE name = ? LIMIT ?` | 30 | 1000 |');
    // The batched query runs once: not repeated, not listed.
    expect(section).not.toContain('IN (...)');
  });

  it('says where fingerprints come from, and when there are none', () => {
    const report = makeReport();
    const without: Report = {
      ...report,
      parameters: { ...report.parameters, fingerprints: 'none: performance_schema is OFF on this server' },
      measurements: report.measurements.map((m) => (m.kind === 'counters' ? { ...m, fingerprints: null } : m)),
    };
    expect(statementsSection(without)).toContain('Fingerprints: none: performance_schema is OFF on this server.');
    expect(statementsSection(without)).not.toContain('| route |');
  });
});
