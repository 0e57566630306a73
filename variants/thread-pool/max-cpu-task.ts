// Runs inside a pooled thread: the thread and its connection outlive the request,
// so each task costs one query and nothing else.
import { performance } from 'node:perf_hooks';
import type { Connection, ConnectionOptions, RowDataPacket } from 'mysql2/promise';
import { openConnection } from '../../lib/db.ts';

export type MaxCpuTask = { readonly connection: ConnectionOptions; readonly projectId: number; readonly gid: number };
export type MaxCpuTaskResult = { readonly maxCpu: number | null; readonly dbMs: number };

let connection: Promise<Connection> | undefined;

export default async function maxCpuTask(task: MaxCpuTask): Promise<MaxCpuTaskResult> {
  connection ??= openConnection(task.connection);
  const started = performance.now();
  const [rows] = await (await connection).query<(RowDataPacket & { max_cpu: number | null })[]>(
    'SELECT MAX(cpu_percent) AS max_cpu FROM cpu_samples WHERE project_id = ? AND gid = ?',
    [task.projectId, task.gid],
  );
  return { maxCpu: rows[0]?.max_cpu ?? null, dbMs: performance.now() - started };
}
