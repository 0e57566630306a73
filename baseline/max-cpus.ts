import { Worker } from 'node:worker_threads';
import { connectionOptions } from '../lib/db.ts';
import { recordNewConnection, recordQuery, recordWorker } from '../lib/request-stats.ts';
import type { GetMaxCpus, Gid } from '../lib/types.ts';
import type { MaxCpuAnswer, MaxCpuJob } from './max-cpu-worker.mjs';

// The article's get_max_cpus: a new thread per gid, started for every request and
// joined before the page can answer. Each thread opens its own connection.
export const getMaxCpus: GetMaxCpus = async (db, project, gids) => {
  const connection = connectionOptions(db.url, db.connectTimeoutMs);
  const threads = gids.map((gid) => startMaxCpuThread({ connection, projectId: project.id, gid }));
  const answers = await Promise.all(threads);

  const maxCpus = new Map<Gid, number>();
  gids.forEach((gid, index) => {
    const answer = answers[index];
    if (answer === undefined) return;
    recordQuery(answer.dbMs);
    if (answer.maxCpu !== null) maxCpus.set(gid, answer.maxCpu);
  });
  return maxCpus;
};

function startMaxCpuThread(job: MaxCpuJob): Promise<MaxCpuAnswer> {
  recordWorker();
  recordNewConnection();
  const thread = new Worker(new URL('./max-cpu-worker.mjs', import.meta.url), { workerData: job });
  return new Promise((resolve, reject) => {
    let answer: MaxCpuAnswer | undefined;
    thread.once('message', (message: MaxCpuAnswer) => (answer = message));
    thread.once('error', reject);
    // Settle on exit, not on message: like the article's join, wait for the thread to end.
    thread.once('exit', (code) => {
      if (answer !== undefined) resolve(answer);
      else reject(new Error(`max-cpu thread for gid ${job.gid} ended with code ${code} and no answer`));
    });
  });
}
