import type { ConnectionOptions } from 'mysql2/promise';
import { connectionOptions, openConnection } from '../../lib/db.ts';
import { maxCpusFromAnswers } from '../../lib/max-cpu-answers.ts';
import { queryMaxCpuOfGid } from '../../lib/max-cpu-of-gid.mjs';
import type { MaxCpuAnswer } from '../../lib/max-cpu-of-gid.mjs';
import { recordNewConnection } from '../../lib/request-stats.ts';
import type { GetMaxCpus } from '../../lib/types.ts';

// The article's get_max_cpus as a Node developer writes "fetch every gid in parallel":
// a concurrent async task per gid instead of a thread, each on a connection of its own
// (no pool), all joined before the page answers. The article's cost structure — one
// connection and one query per gid, every request — without the price of starting a
// JavaScript isolate per gid.
export const getMaxCpus: GetMaxCpus = async (db, project, gids) => {
  const connection = connectionOptions(db.url, db.connectTimeoutMs);
  const tasks = gids.map((gid) => maxCpuOnOwnConnection(connection, project.id, gid));
  return maxCpusFromAnswers(gids, await Promise.all(tasks));
};

async function maxCpuOnOwnConnection(options: ConnectionOptions, projectId: number, gid: number): Promise<MaxCpuAnswer> {
  recordNewConnection();
  const connection = await openConnection(options);
  try {
    return await queryMaxCpuOfGid(connection, projectId, gid);
  } finally {
    await connection.end();
  }
}
