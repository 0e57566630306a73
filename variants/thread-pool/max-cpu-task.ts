// Runs inside a pooled thread: the thread and its connection outlive the request,
// so each task costs one query and nothing else.
import type { Connection, ConnectionOptions } from 'mysql2/promise';
import { openConnection } from '../../lib/db.ts';
import { queryMaxCpuOfGid } from '../../lib/max-cpu-of-gid.mjs';
import type { MaxCpuAnswer } from '../../lib/max-cpu-of-gid.mjs';

export type MaxCpuTask = { readonly connection: ConnectionOptions; readonly projectId: number; readonly gid: number };

let connection: Promise<Connection> | undefined;

export default async function maxCpuTask(task: MaxCpuTask): Promise<MaxCpuAnswer> {
  connection ??= openConnection(task.connection);
  return queryMaxCpuOfGid(await connection, task.projectId, task.gid);
}
