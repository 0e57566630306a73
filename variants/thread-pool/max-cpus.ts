import { Piscina } from 'piscina';
import { connectionOptions } from '../../lib/db.ts';
import { maxCpusFromAnswers } from '../../lib/max-cpu-answers.ts';
import type { MaxCpuAnswer } from '../../lib/max-cpu-of-gid.mjs';
import type { DataAccess, GetMaxCpus } from '../../lib/types.ts';
import type { MaxCpuTask } from './max-cpu-task.ts';

// The article's other remedy: "a thread pool would be cheaper". Threads are created
// once per server, not per request; still one query per gid.
const pools = new WeakMap<DataAccess, Piscina<MaxCpuTask, MaxCpuAnswer>>();

function threadPool(db: DataAccess): Piscina<MaxCpuTask, MaxCpuAnswer> {
  let pool = pools.get(db);
  if (pool === undefined) {
    const created = new Piscina<MaxCpuTask, MaxCpuAnswer>({
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
  return maxCpusFromAnswers(gids, answers);
};
