import { Piscina } from 'piscina';
import { connectionOptions } from '../../lib/db.ts';
import { recordQuery } from '../../lib/request-stats.ts';
import type { DataAccess, GetMaxCpus, Gid } from '../../lib/types.ts';
import type { MaxCpuTask, MaxCpuTaskResult } from './max-cpu-task.ts';

// The article's other remedy: "a thread pool would be cheaper". Threads are created
// once per server, not per request; still one query per gid.
const pools = new WeakMap<DataAccess, Piscina<MaxCpuTask, MaxCpuTaskResult>>();

function threadPool(db: DataAccess): Piscina<MaxCpuTask, MaxCpuTaskResult> {
  let pool = pools.get(db);
  if (pool === undefined) {
    const created = new Piscina<MaxCpuTask, MaxCpuTaskResult>({
      filename: new URL('./max-cpu-task.ts', import.meta.url).href,
      minThreads: db.threadPoolSize,
      maxThreads: db.threadPoolSize,
    });
    db.closers.push(() => created.destroy());
    pools.set(db, created);
    pool = created;
  }
  return pool;
}

export const getMaxCpus: GetMaxCpus = async (db, project, gids) => {
  const pool = threadPool(db);
  const connection = connectionOptions(db.url, db.connectTimeoutMs);
  const answers = await Promise.all(gids.map((gid) => pool.run({ connection, projectId: project.id, gid })));

  const maxCpus = new Map<Gid, number>();
  gids.forEach((gid, index) => {
    const answer = answers[index];
    if (answer === undefined) return;
    recordQuery(answer.dbMs);
    if (answer.maxCpu !== null) maxCpus.set(gid, answer.maxCpu);
  });
  return maxCpus;
};
