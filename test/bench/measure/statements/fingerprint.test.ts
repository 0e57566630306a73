import { describe, expect, it } from 'vitest';
import { fingerprint, shortFingerprint } from '../../../../bench/measure/statements/fingerprint.ts';

describe('fingerprint', () => {
  it('replaces every literal, so the lookups of an N + 1 loop share one fingerprint', () => {
    const sql = (gid: number): string => `SELECT name, status FROM profile_settings WHERE name = 'p-0042:${gid}' LIMIT 1`;
    expect(fingerprint(sql(1))).toBe('SELECT name, status FROM profile_settings WHERE name = ? LIMIT ?');
    expect(fingerprint(sql(1))).toBe(fingerprint(sql(999)));
  });

  it('reads raw SQL and the server digest of the same statement alike', () => {
    const raw = `SELECT gid, MAX(cpu_percent) AS max_cpu FROM cpu_samples
        WHERE project_id = 7 AND gid IN (1, 2, 3) GROUP BY gid`;
    const digest = 'SELECT `gid` , MAX ( `cpu_percent` ) AS `max_cpu` FROM `cpu_samples` WHERE `project_id` = ? AND `gid` IN (...) GROUP BY `gid` ';
    const expected = 'SELECT gid, MAX(cpu_percent) AS max_cpu FROM cpu_samples WHERE project_id = ? AND gid IN (...) GROUP BY gid';
    expect(fingerprint(raw)).toBe(expected);
    expect(fingerprint(digest)).toBe(expected);
  });

  it('makes any list of values one shape, whatever its length', () => {
    expect(fingerprint('SELECT 1 FROM t WHERE id IN (5)')).toBe(fingerprint('SELECT 1 FROM t WHERE id in (5, 6, 7)'));
    expect(fingerprint("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')")).toBe('INSERT INTO t(a, b) VALUES (...)');
  });

  it('handles strings with quotes, hex, decimals, comments, keyword case and a trailing semicolon', () => {
    expect(fingerprint("update t set v = 'it''s \\' ok', w = 0x1F, x = 4.5e3 /* why */ where id = 2; -- done"))
      .toBe('UPDATE t SET v = ?, w = ?, x = ? WHERE id = ?');
    expect(fingerprint('SET @request_id = 17')).toBe('SET @request_id = ?');
  });

  it('leaves digits inside names alone', () => {
    expect(fingerprint('SELECT t1.c2 FROM t1 WHERE c2 = 3')).toBe('SELECT t1.c2 FROM t1 WHERE c2 = ?');
  });
});

describe('shortFingerprint', () => {
  it("shortens a long select list, the issue's 'SELECT … FROM profile_settings WHERE name = ?'", () => {
    const long = 'SELECT name, tag_indexes, interval, status, profile_machines, thread_settings FROM profile_settings WHERE name = ?';
    expect(shortFingerprint(long)).toBe('SELECT … FROM profile_settings WHERE name = ?');
    expect(shortFingerprint('SELECT id, code FROM projects WHERE code = ?')).toBe('SELECT id, code FROM projects WHERE code = ?');
  });
});
