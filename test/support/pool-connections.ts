// Several pages at once on a fresh server make its pool open connections: what the
// database counted, and what the responses' Server-Timing headers reported for them.
import type { Connection } from 'mysql2/promise';
import { serverCounters } from './database.ts';
import { getJson } from './http.ts';

export async function poolConnectionsOpened(
  admin: Connection,
  url: string,
  path: string,
  pagesAtOnce = 4,
): Promise<{ readonly counted: number; readonly reported: number }> {
  const before = await serverCounters(admin);
  const responses = await Promise.all(Array.from({ length: pagesAtOnce }, () => getJson(url, path)));
  const after = await serverCounters(admin);
  const reported = responses.reduce((sum, response) => sum + (response.timing?.connections ?? Number.NaN), 0);
  return { counted: after.connections - before.connections, reported };
}
