// Work per request, counted where it happens: queries, new connections and rows read
// at the database; threads started by the server (its Server-Timing header); peak
// memory of the server process. The first three are deterministic: CI gates on them.
import { readFile } from 'node:fs/promises';
import type { Connection } from 'mysql2/promise';
import { parseServerTiming } from '../lib/request-stats.ts';
import { counterDelta, readDatabaseCounters } from './db-status.ts';
import { getHttpJson } from './http-json.ts';

export type WorkPerRequest = {
  readonly queries: number;
  readonly newConnections: number;
  readonly rowsRead: number;
  readonly workers: number;
  readonly peakRssMiB: number | null;
};

export type CountedRequest = { readonly status: number; readonly body: unknown; readonly ms: number; readonly work: WorkPerRequest };

// Nothing else may talk to the database meanwhile: the counters are server-wide. The
// server's pool must be warm already, so only the request's own connections count.
export async function countedRequest(admin: Connection, url: string, serverPid: number | undefined): Promise<CountedRequest> {
  const before = await readDatabaseCounters(admin);
  const started = performance.now();
  const response = await getHttpJson(url);
  const ms = performance.now() - started;
  const delta = counterDelta(before, await readDatabaseCounters(admin));
  const timing = response.headers['server-timing'];
  return {
    status: response.status,
    body: response.body,
    ms,
    work: {
      queries: delta.selects,
      newConnections: delta.connections,
      rowsRead: delta.rowsRead,
      workers: typeof timing === 'string' ? parseServerTiming(timing).workers : 0,
      peakRssMiB: serverPid === undefined ? null : await peakRssMiB(serverPid),
    },
  };
}

async function peakRssMiB(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return kib === undefined ? null : Number(kib) / 1024;
}
