import { describe, expect, it } from 'vitest';
import { parseGidList, parseProjectCode } from '../../lib/validation.ts';

describe('parseProjectCode', () => {
  it.each(['checkout-api', 'a', 'x9-y'])('accepts %s', (code) => {
    expect(parseProjectCode(code)).toEqual({ ok: true, value: code });
  });
  it.each(['', 'Checkout', '-lead', "a'b", 'a b', 'a/b', 'x'.repeat(65), 'ü'])('rejects %j', (code) => {
    expect(parseProjectCode(code).ok).toBe(false);
  });
});

describe('parseGidList', () => {
  it('parses, keeps order, drops duplicates', () => {
    expect(parseGidList('3,1,3,2', 10)).toEqual({ ok: true, value: [3, 1, 2] });
  });
  it('counts the limit on what was asked', () => {
    expect(parseGidList('1,2,3', 2)).toMatchObject({ ok: false, message: 'at most 2 gids per request, got 3' });
    expect(parseGidList('1,2', 2).ok).toBe(true);
  });
  it.each([undefined, '', ['1', '2'], '1,,2', ' 1', '1e3', '0x10', '-1', '0', '4294967296', '1.0'])(
    'rejects %j',
    (raw) => {
      expect(parseGidList(raw, 100).ok).toBe(false);
    },
  );
  it('accepts the largest unsigned int', () => {
    expect(parseGidList('4294967295', 1)).toEqual({ ok: true, value: [4294967295] });
  });
});
