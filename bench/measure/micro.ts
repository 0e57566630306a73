// The data-access functions themselves, without HTTP: tinybench times each strategy
// on the same gids, plus the floor: one raw batched query on a bare connection.
import { Bench } from 'tinybench';
import type { Connection } from 'mysql2/promise';
import { baseline } from '../../baseline/index.ts';
import { optimized } from '../../optimized/index.ts';
import { connectionOptions, openConnection } from '../../lib/db.ts';
import { profileSettingsColumns, settingsName } from '../../lib/settings-row.ts';
import type { DataAccess, Project } from '../../lib/types.ts';
import { getMaxCpus as getMaxCpusFromThreadPool } from '../../variants/thread-pool/max-cpus.ts';

export type MicroContext = {
  readonly db: DataAccess;
  readonly bare: Connection;
  readonly project: Project;
  readonly gids: readonly number[];
};

export type MicroTask = {
  readonly name: string;
  readonly run: (context: MicroContext) => Promise<unknown>;
  // Starts one thread per gid: too slow to repeat at large gid counts.
  readonly threadPerGid?: true;
};

export const microTasks: readonly MicroTask[] = [
  { name: 'settings: n+1', run: ({ db, project, gids }) => baseline.getGroupProfileSettings(db, project.code, gids) },
  { name: 'settings: batched', run: ({ db, project, gids }) => optimized.getGroupProfileSettings(db, project.code, gids) },
  { name: 'max-cpu: thread per gid', run: ({ db, project, gids }) => baseline.getMaxCpus(db, project, gids), threadPerGid: true },
  { name: 'max-cpu: thread pool', run: ({ db, project, gids }) => getMaxCpusFromThreadPool(db, project, gids) },
  { name: 'max-cpu: grouped query', run: ({ db, project, gids }) => optimized.getMaxCpus(db, project, gids) },
  {
    name: 'floor: raw IN query',
    run: ({ bare, project, gids }) =>
      bare.query(`SELECT ${profileSettingsColumns} FROM profile_settings WHERE name IN (?)`, [
        gids.map((gid) => settingsName(project.code, gid)),
      ]),
  },
];

export type MicroSample = {
  readonly task: string;
  readonly samplesMs: number[];
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rme: number | null;
};

export function openBareConnection(url: string): Promise<Connection> {
  return openConnection(connectionOptions(url));
}

export async function runMicroTasks(
  tasks: readonly MicroTask[],
  context: MicroContext,
  options: { readonly timeMs: number; readonly iterations: number; readonly warmupIterations: number },
): Promise<MicroSample[]> {
  const bench = new Bench({
    time: options.timeMs,
    iterations: options.iterations,
    warmupIterations: options.warmupIterations,
    retainSamples: true,
    throws: true,
  });
  for (const task of tasks) bench.add(task.name, () => task.run(context));
  await bench.run();

  return bench.tasks.map((task): MicroSample => {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`micro-benchmark "${task.name}" ended ${result.state}`);
    const latency = result.latency;
    return {
      task: task.name,
      samplesMs: [...(latency.samples ?? [latency.mean])],
      meanMs: latency.mean,
      p50Ms: latency.p50,
      p99Ms: latency.p99,
      rme: latency.rme,
    };
  });
}
