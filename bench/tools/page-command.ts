// What `make profile` and `make trace` share: a throwaway database seeded as configured,
// the projects whose page to look at (--sizes, else the largest) and the smallest for
// warming up, and the way such a command ends: its report on stdout, exit 0; one line
// and exit 1 on failure; 130/143 when interrupted, with everything it started stopped.
import type { Config } from '../../lib/config.ts';
import type { ProjectSummary } from '../../seed/generate.ts';
import { seedDatabase } from '../../seed/seed.ts';
import { installSignalHandlers, isExiting, runCleanups } from '../run/cleanup.ts';
import { startDatabase } from './db/index.ts';
import type { Database } from './db/types.ts';

export type SeededPages = {
  readonly database: Database;
  readonly smallest: ProjectSummary;
  readonly projects: readonly ProjectSummary[];
};

export const log = (line: string): void => void process.stderr.write(`${line}\n`);

export async function startSeededPages(config: Config): Promise<SeededPages> {
  const database = await startDatabase(config, log);
  const { summary } = await seedDatabase(database.url, config, log);
  const bySize = [...summary.projects].sort((a, b) => a.gids - b.gids);
  const smallest = bySize[0];
  const largest = bySize.at(-1);
  if (smallest === undefined || largest === undefined) throw new Error('the seed has no project');
  const projects = (config.benchSizes ?? [largest.gids]).map((gids) => {
    const project = bySize.find((candidate) => candidate.gids === gids);
    if (project === undefined) {
      throw new Error(`no seeded project has ${gids} gids (seeded: ${bySize.map((p) => p.gids).join(', ')}); see --sizes`);
    }
    return project;
  });
  return { database, smallest, projects };
}

export async function runPageCommand(name: string, work: () => Promise<readonly string[]>): Promise<never> {
  installSignalHandlers();
  try {
    const report = await work();
    await runCleanups();
    process.stdout.write(`${report.join('\n')}\n`);
    process.exit(0);
  } catch (error) {
    // Interrupted: the signal handler is stopping everything and will exit with 130/143.
    if (isExiting()) await new Promise(() => undefined);
    log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    await runCleanups();
    process.exit(1);
  }
}
