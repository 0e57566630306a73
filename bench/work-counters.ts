// Work per request, counted where it happens: queries, new connections and rows read
// at the database; threads started by the server (its Server-Timing header); peak
// memory of the server process. The first three are deterministic: CI gates on them.
import { readFile } from 'node:fs/promises';
import type http from 'node:http';
import type { Connection } from 'mysql2/promise';
import { parseServerTiming } from '../lib/request-stats.ts';
import { counterDelta, readDatabaseCounters } from './db-status.ts';
import { timeRequest } from './page-load.ts';

export type WorkPerRequest = {
  readonly queries: number;
  readonly newConnections: number;
  readonly rowsRead: number;
  readonly workers: number;
  readonly peakRssMiB: number | null;
};

// Nothing else may talk to the database meanwhile: the counters are server-wide.
export async function measureWorkPerRequest(
  admin: Connection,
  url: string,
  requests: number,
  agent: http.Agent,
  serverPid: number | undefined,
): Promise<WorkPerRequest> {
  // A first request warms the server's pool, so only the request's own connections count.
  await timeRequest(url, agent);
  const before = await readDatabaseCounters(admin);
  let workers = 0;
  for (let index = 0; index < requests; index++) {
    const response = await timeRequest(url, agent);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    workers += parseServerTiming(response.serverTiming).workers;
  }
  const delta = counterDelta(before, await readDatabaseCounters(admin));
  return {
    queries: delta.selects / requests,
    newConnections: delta.connections / requests,
    rowsRead: delta.rowsRead / requests,
    workers: workers / requests,
    peakRssMiB: serverPid === undefined ? null : await peakRssMiB(serverPid),
  };
}

async function peakRssMiB(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kib === undefined ? null : Number(kib) / 1024;
}
