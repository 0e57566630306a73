import { Worker } from 'node:worker_threads';
import { connectionOptions } from '../lib/db.ts';
import { maxCpusFromAnswers } from '../lib/max-cpu-answers.ts';
import type { MaxCpuAnswer } from '../lib/max-cpu-of-gid.mjs';
import { recordNewConnection, recordWorker } from '../lib/request-stats.ts';
import type { GetMaxCpus } from '../lib/types.ts';
import type { MaxCpuJob } from './max-cpu-worker.mjs';

// Resolved once: parsing it for every thread showed up in the baseline's flame graph.
const workerFile = new URL('./max-cpu-worker.mjs', import.meta.url);

// The article's get_max_cpus: a new thread per gid, started for every request and
// joined before the page can answer. Each thread opens its own connection.
export const getMaxCpus: GetMaxCpus = async (db, project, gids) => {
  const connection = connectionOptions(db.url, db.connectTimeoutMs);
  const threads = gids.map((gid) => startMaxCpuThread({ connection, projectId: project.id, gid }));
  return maxCpusFromAnswers(gids, await Promise.all(threads));
};

function startMaxCpuThread(job: MaxCpuJob): Promise<MaxCpuAnswer> {
  recordWorker();
  recordNewConnection();
  const thread = new Worker(workerFile, { workerData: job });
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
