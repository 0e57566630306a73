// Input checks for the two routes. Anything that does not match is a 400 before any
// SQL runs; values that pass are still bound as parameters, never spliced into SQL.
import type { Gid } from './types.ts';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const projectCodePattern = /^[a-z0-9][a-z0-9-]{0,63}$/;
const gidPattern = /^[0-9]{1,10}$/;
const maxGid = 4_294_967_295;

export function parseProjectCode(raw: string): Parsed<string> {
  return projectCodePattern.test(raw)
    ? { ok: true, value: raw }
    : { ok: false, message: 'project code must be 1-64 characters of a-z, 0-9 and -' };
}

// `?gids=12,34,56`: positive integers, comma-separated, at most `limit` of them.
// Duplicates are dropped, first occurrence kept, so the answer follows the request.
export function parseGidList(raw: unknown, limit: number): Parsed<readonly Gid[]> {
  if (typeof raw !== 'string' || raw === '') {
    return { ok: false, message: 'gids is required once: ?gids=1,2,3' };
  }
  const parts = raw.split(',');
  if (parts.length > limit) return { ok: false, message: `at most ${limit} gids per request, got ${parts.length}` };
  const gids: Gid[] = [];
  for (const part of parts) {
    const gid = Number(part);
    if (!gidPattern.test(part) || gid < 1 || gid > maxGid) {
      return { ok: false, message: `gid ${JSON.stringify(part.slice(0, 40))} is not a positive integer` };
    }
    gids.push(gid);
  }
  return { ok: true, value: [...new Set(gids)] };
}
