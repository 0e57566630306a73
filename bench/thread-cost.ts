// What one "thread" costs on each stack, so a reader sees why the literal port's before
// is slower than the article's: start and join one unit of concurrency, bare and doing
// one gid's work (its own connection, one query). Node's units are timed here with
// tinybench; Python's by the peer's own script, in its own interpreter.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { baseline } from '../baseline/index.ts';
import { getMaxCpus as getMaxCpusFromAsyncTasks } from '../variants/async-per-gid/max-cpus.ts';
import type { MicroContext, MicroSample, MicroTask } from './micro.ts';
import { runMicroTasks } from './micro.ts';
import { mean, median, quantile } from './stats/descriptive.ts';
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

export async function measureNodeThreads(context: MicroContext, options: { readonly timeMs: number; readonly iterations: number }): Promise<MicroSample[]> {
  return runMicroTasks(nodeThreadTasks, context, options);
}

// peers/flask/thread_cost.py prints {"<task>": [ms, ...], ...}.
const pythonSamples = z.record(z.string(), z.array(z.number().nonnegative()).min(1));

export const pythonInterpreter = 'peers/flask/.venv/bin/python';

export async function measurePythonThreads(mysqlUrl: string, samples: number): Promise<MicroSample[] | string> {
  if (!existsSync(pythonInterpreter)) return 'the Flask peer is not installed (`make peers`)';
  const { stdout } = await run(pythonInterpreter, ['peers/flask/thread_cost.py', '--samples', String(samples)], {
    env: { ...process.env, MYSQL_URL: mysqlUrl },
    timeout: 120_000,
  });
  const parsed = pythonSamples.parse(JSON.parse(stdout));
  return Object.entries(parsed).map(([task, samplesMs]) => sampleOf(task, samplesMs));
}

// Timed outside tinybench, so without its margin of error.
function sampleOf(task: string, samplesMs: number[]): MicroSample {
  return { task, samplesMs, meanMs: mean(samplesMs), p50Ms: median(samplesMs), p99Ms: quantile(samplesMs, 0.99), rme: null };
}
