// What one "thread" costs on each stack, so a reader sees why the literal port's before
// is slower than the article's: start and join one unit of concurrency, bare and doing
// one gid's work (its own connection, one query). Node's units are timed here with
// tinybench; Python's by the peer's own script, in its own interpreter.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { baseline } from '../../baseline/index.ts';
import { flaskCommand, flaskPeerStatus } from '../../peers/flask/target.ts';
import { getMaxCpus as getMaxCpusFromAsyncTasks } from '../../variants/async-per-gid/max-cpus.ts';
import type { MicroContext, MicroSample, MicroTask } from './micro.ts';
import { runMicroTasks } from './micro.ts';
import { mean, median, quantile } from '../judge/stats/descriptive.ts';
import { z } from 'zod';

const run = promisify(execFile);

export const nodeThreadTasks: readonly MicroTask[] = [
  { name: 'one thread: Node Worker, bare', run: () => joinBareWorker() },
  { name: 'one thread: Node Worker, mysql2 connect + query', run: ({ db, project, gids }) => baseline.getMaxCpus(db, project, gids.slice(0, 1)) },
  { name: 'one task: Node async, mysql2 connect + query', run: ({ db, project, gids }) => getMaxCpusFromAsyncTasks(db, project, gids.slice(0, 1)) },
];

function joinBareWorker(): Promise<void> {
  const worker = new Worker("require('node:worker_threads').parentPort.postMessage('done')", { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', () => resolve());
  });
}

export async function measureNodeThreads(context: MicroContext, options: { readonly timeMs: number; readonly iterations: number; readonly warmupIterations: number }): Promise<MicroSample[]> {
  return runMicroTasks(nodeThreadTasks, context, options);
}

// peers/flask/thread_cost.py prints one JSON line with a wall time per sample.
const pythonSamples = z.object({ samplesMs: z.array(z.number().nonnegative()).min(1) });

const pythonKinds = [
  { kind: 'bare', task: 'one thread: Python threading.Thread, bare' },
  { kind: 'connect-and-query', task: 'one thread: Python threading.Thread, PyMySQL connect + query' },
] as const;

// The same gid as the Node tasks query; a string says why nothing was measured.
export async function measurePythonThreads(
  mysqlUrl: string,
  gid: { readonly projectId: number; readonly gid: number },
  samples: number,
): Promise<MicroSample[] | string> {
  const status = flaskPeerStatus();
  if (status.kind !== 'installed') return status.line;
  const { command, cwd } = flaskCommand('before');
  const measured: MicroSample[] = [];
  for (const { kind, task } of pythonKinds) {
    const args = ['thread_cost.py', '--kind', kind, '--threads', '1', '--samples', String(samples), '--project-id', String(gid.projectId), '--gid', String(gid.gid)];
    const { stdout } = await run(command, args, { cwd, env: { ...process.env, MYSQL_URL: mysqlUrl }, timeout: 120_000 });
    measured.push(sampleOf(task, pythonSamples.parse(JSON.parse(stdout)).samplesMs));
  }
  return measured;
}

// Timed outside tinybench, so without its margin of error.
function sampleOf(task: string, samplesMs: number[]): MicroSample {
  return { task, samplesMs, meanMs: mean(samplesMs), p50Ms: median(samplesMs), p99Ms: quantile(samplesMs, 0.99), rme: null };
}
