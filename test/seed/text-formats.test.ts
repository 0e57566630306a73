import { describe, expect, it } from 'vitest';
import { splitSqlStatements } from '../../seed/sql-statements.ts';
import { escapeField, parseTsvLine, tsvRow } from '../../seed/tsv.ts';

describe('TSV fields for LOAD DATA', () => {
  it('escapes backslash, TAB, LF, CR and NUL, and writes NULL as \\N', () => {
    expect(escapeField('a\\d\tb\nc\rd\0e')).toBe('a\\\\d\\tb\\nc\\rd\\0e');
    expect(escapeField(null)).toBe('\\N');
    expect(escapeField(12.5)).toBe('12.5');
  });

  it('keeps JSON with escaped characters intact through a round trip', () => {
    const json = JSON.stringify({ filter: '^worker-\\d+$', note: 'tab\there\nand "quotes"', literal: '\\N' });
    const row = tsvRow([1, json, null, '\\N']);
    expect(row.endsWith('\n')).toBe(true);
    expect(row.slice(0, -1).split('\t')).toHaveLength(4);
    expect(parseTsvLine(row.slice(0, -1))).toEqual(['1', json, null, '\\N']);
  });
});

describe('splitSqlStatements', () => {
  it('splits at semicolons outside quotes and comments', () => {
    const script = [
      '-- a comment; not a statement',
      "CREATE TABLE a (`x;y` INT, s VARCHAR(9) DEFAULT ';''');",
      '/* block; comment */ INSERT INTO a VALUES (1, "a\\";b");',
      '# hash comment;',
      'SELECT 1',
    ].join('\n');
    expect(splitSqlStatements(script)).toEqual([
      "CREATE TABLE a (`x;y` INT, s VARCHAR(9) DEFAULT ';''')",
      'INSERT INTO a VALUES (1, "a\\";b")',
      'SELECT 1',
    ]);
  });
});
