// Work per request, counted where it happens: queries, new connections and rows read
// at the database; threads started by the server (its Server-Timing header); peak
// memory of the server process. The first three are deterministic: CI gates on them.
import { readdir, readFile } from 'node:fs/promises';
import type { Connection } from 'mysql2/promise';
import { parseServerTiming } from '../lib/request-stats.ts';
import { counterDelta, readDatabaseCounters } from './db-status.ts';
import { getHttpJson } from './http-json.ts';

export type WorkPerRequest = {
  readonly queries: number;
  readonly newConnections: number;
  readonly rowsRead: number;
  readonly workers: number | null;
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
      workers: workersOf(timing),
      peakRssMiB: serverPid === undefined ? null : await peakRssMiB(serverPid),
    },
  };
}

// Summed over the server's process group: a gunicorn master and its worker, say.
async function peakRssMiB(groupLeader: number): Promise<number | null> {
  const pids = (await readdir('/proc').catch(() => [])).filter((name) => /^\d+$/.test(name));
  let kib: number | null = null;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    if (group !== groupLeader) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const peak = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    if (peak !== undefined) kib = (kib ?? 0) + Number(peak);
  }
  return kib === null ? null : kib / 1024;
}

// Threads the server says it started for this request; a server that says nothing
// (a user's target without a Server-Timing header) has no count, not zero.
function workersOf(header: string | string[] | undefined): number | null {
  if (typeof header !== 'string') return null;
  const workers = parseServerTiming(header).workers;
  return Number.isNaN(workers) ? null : workers;
}
