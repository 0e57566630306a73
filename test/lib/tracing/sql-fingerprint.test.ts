// Fingerprints keep a statement's shape and drop its values, so the thousand lookups of
// an N + 1 share one text and no value reaches a span.
import { describe, expect, it } from 'vitest';
import { fingerprint, querySummary } from '../../../lib/tracing/sql-fingerprint.ts';

describe('fingerprint', () => {
  it('replaces strings and numbers, with their escapes, and keeps identifiers', () => {
    expect(fingerprint("SELECT name, `interval` FROM profile_settings WHERE name = 'shoes-api:17' LIMIT 1"))
      .toBe('SELECT name, `interval` FROM profile_settings WHERE name = ? LIMIT ?');
    expect(fingerprint("SELECT 1 FROM t1 WHERE a = 'it\\'s' AND b = 'o''k' AND c = -2.5e3 AND p.id2 = 7"))
      .toBe('SELECT ? FROM t1 WHERE a = ? AND b = ? AND c = ? AND p.id2 = ?');
  });

  it('folds an IN list of any length into one placeholder', () => {
    const one = fingerprint("SELECT * FROM profile_settings WHERE name IN ('a:1')");
    const many = fingerprint("SELECT * FROM profile_settings WHERE name IN ('a:1', 'a:2',\n  'a:3')");
    expect(many).toBe('SELECT * FROM profile_settings WHERE name IN (?)');
    expect(one).toBe(many);
    expect(fingerprint('SELECT gid FROM cpu_samples WHERE project_id = 3 AND gid IN (1,2,3) GROUP BY gid'))
      .toBe('SELECT gid FROM cpu_samples WHERE project_id = ? AND gid IN (?) GROUP BY gid');
  });

  it('names a query by its operation and first table', () => {
    expect(querySummary('SELECT p.id FROM projects p LEFT JOIN project_groups g ON g.project_id = p.id')).toBe('SELECT projects');
    expect(querySummary('INSERT INTO `cpu_samples` (gid) VALUES (?)')).toBe('INSERT cpu_samples');
    expect(querySummary('SELECT ?')).toBe('SELECT');
  });
});
