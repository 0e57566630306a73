// One benchmark run: database, seed, targets, then the planned steps in order. Every
// measurement lands in memory; the report is written only when all steps succeeded.
import mysql from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';
import type { Config } from '../../lib/config.ts';
import { givenOptions } from '../../lib/config.ts';
import { seedDatabase } from '../../seed/seed.ts';
import { onCleanup } from './cleanup.ts';
import { startDatabase } from '../tools/db/index.ts';
import type { Database } from '../tools/db/index.ts';
import { seededProjects } from './db-projects.ts';
import { databaseServerName } from '../measure/db-status.ts';
import { withTimeout } from '../tools/db/with-timeout.ts';
import { parsePinning, pinHarness, pinProcessGroup } from './cpu-pinning.ts';
import type { CpuPinning } from './cpu-pinning.ts';
import { collectEnvironment } from './environment.ts';
import { machineBetween, snapshotMachine } from './machine-load.ts';
import { createOneConnectionAgent } from '../measure/page-load.ts';
import { planRun, stepKey, stepLabel } from './plan.ts';
import type { PlannedProject, Step } from './plan.ts';
import { pageLoadCells, suites } from './suites.ts';
import type { Suite } from './suites.ts';
import { createProgress } from './progress.ts';
import { reportSchemaVersion } from '../report/schema.ts';
import type { Environment, Report } from '../report/schema.ts';
import type { Log, RunState } from './run-state.ts';
import { checkAndCount } from './steps/check.ts';
import { measureLoad, measureOpenLoad } from './steps/load.ts';
import { measureMicro, measureThreadCost } from './steps/micro.ts';
import { measurePageLoad } from './steps/page-load.ts';
import { startServers, stopServers } from './steps/start-servers.ts';
import { checkUrlDatabase, connectionsNeeded, otherTrafficWarning } from './shared-database.ts';
import { storiesFor } from './stories.ts';
import { prepareRevision } from './revision.ts';
import type { Revision } from './revision.ts';
import { atRevision, builtInTargets, readUserTargets, selectTargets } from './targets.ts';
import type { Target } from './targets.ts';
import { openWorkCounter } from '../measure/work-counters.ts';

// The suite, with what the command line overrides.
export function resolveSuite(config: Config): Suite {
  const base = suites[config.suite];
  const sizes = config.benchSizes;
  const pick = (size: number): number => (sizes === undefined || sizes.includes(size) ? size : Math.max(...sizes));
  const repetitions = config.benchRepetitions;
  return {
    ...base,
    projects: sizes ?? base.projects,
    headline: { ...base.headline, gids: pick(base.headline.gids) },
    pageLoad: {
      ...base.pageLoad,
      sizes: sizes ?? base.pageLoad.sizes,
      repetitions: repetitions ?? base.pageLoad.repetitions,
      // Fewer repetitions than that asked for on the command line: each sample is one.
      minSamples: Math.min(base.pageLoad.minSamples, repetitions ?? base.pageLoad.repetitions),
    },
    latencySweep: { size: pick(base.latencySweep.size), latenciesMs: config.benchLatencies ?? base.latencySweep.latenciesMs },
    load: {
      ...base.load,
      sizes: sizes ?? base.load.sizes,
      repetitions: repetitions ?? base.load.repetitions,
      connections: config.loadConnections ?? base.load.connections,
      durationSeconds: config.loadDuration ?? base.load.durationSeconds,
    },
    micro: { ...base.micro, repetitions: repetitions ?? base.micro.repetitions },
  };
}

// The suite's server settings, where the user gave none of their own.
function withSuiteServers(config: Config, suite: Suite, argv: readonly string[]): Config {
  const given = givenOptions(argv, process.env);
  const pick = (key: 'settingsChunkSize' | 'maxGidsPerRequest'): number => (given.has(key) ? config[key] : suite.servers[key] ?? config[key]);
  return { ...config, settingsChunkSize: pick('settingsChunkSize'), maxGidsPerRequest: pick('maxGidsPerRequest') };
}

async function chooseTargets(config: Config, log: Log): Promise<readonly Target[]> {
  const user = config.targetsFile === undefined ? [] : await readUserTargets(config.targetsFile);
  const remote = Object.keys(config.baseUrls);
  const names = config.benchTargets ?? (remote.length > 0 ? remote : undefined);
  const selection = selectTargets([...builtInTargets, ...user], names);
  for (const line of selection.leftOut) log(line);
  if (selection.targets.length === 0) throw new Error('no target to measure');
  if (config.benchRef === undefined) return selection.targets;
  if (remote.length > 0) throw new Error('--ref starts the servers of another revision; it cannot be combined with --base-urls');
  return withRevisionTwins(selection.targets, await prepareRevision(config.benchRef, log), log);
}

// Each target right beside its twin from REF, measured in turns as Node core's
// benchmark/compare.js interleaves its two binaries (and, unlike it, old first in one
// repetition and new first in the next: bench/run/plan.ts).
function withRevisionTwins(targets: readonly Target[], revision: Revision, log: Log): Target[] {
  const all: Target[] = [];
  for (const target of targets) {
    const twin = atRevision(target, revision);
    const missing =
      twin === undefined ? 'a server of your own has no other revision'
      : target.kind === 'variant' && !revision.variants.includes(target.name) ? `REF ${revision.ref} has no variant ${target.name}`
      : twin.unavailable?.();
    if (twin !== undefined && missing === undefined) all.push(twin);
    else log(`left out ${target.name}@${revision.label}: ${missing}; ${target.name} is measured alone`);
    all.push(target);
  }
  return all;
}

function projectsToMeasure(all: readonly PlannedProject[], suite: Suite): PlannedProject[] {
  const wanted = new Set([...suite.projects, ...suite.pageLoad.sizes, ...suite.load.sizes, suite.latencySweep.size, suite.headline.gids]);
  for (const size of wanted) {
    if (!all.some((project) => project.gids === size)) {
      const seeded = all.map((project) => project.gids).join(', ');
      throw new Error(`no seeded project has ${size} gids (seeded: ${seeded}); choose with --sizes or seed with --project-sizes`);
    }
  }
  return all.filter((project, index) => wanted.has(project.gids) && all.findIndex((p) => p.gids === project.gids) === index);
}

async function runStep(state: RunState, step: Step, pinning: CpuPinning | null): Promise<void> {
  switch (step.kind) {
    case 'start-servers':
      await startServers(state, step.injectedMs);
      for (const running of pinning === null ? [] : state.running) {
        if (running.pid !== undefined) await pinProcessGroup(running.pid, pinning?.targets ?? '');
      }
      return;
    case 'check':
      return checkAndCount(state, step.project);
    case 'page-load':
      return measurePageLoad(state, step);
    case 'load':
      return measureLoad(state, step);
    case 'open-load':
      return measureOpenLoad(state, step);
    case 'micro':
      return measureMicro(state, step);
    case 'thread-cost':
      return measureThreadCost(state, step);
  }
}

// The password never reaches a report, even when given on the command line.
function safeArgv(argv: readonly string[]): string[] {
  return argv.map((arg, index) => (argv[index - 1] === '--mysql-url' ? '(hidden)' : arg.replace(/^(--mysql-url=).*/, '$1(hidden)')));
}

// What the run is doing now, so that a failure can say where it happened.
type Phase = { database: Database | undefined; label: string };

export async function runBenchmark(config: Config, argv: readonly string[], log: Log): Promise<Report> {
  const phase: Phase = { database: undefined, label: 'starting' };
  try {
    return await benchmark(config, argv, log, phase);
  } catch (error) {
    throw phase.database === undefined ? error : await blameDatabase(phase.database, error, phase.label);
  }
}

// "connect ECONNREFUSED" or "answered 503" alone does not tell the reader that the
// database died: when it no longer answers, the one failure line names it.
async function blameDatabase(database: Database, error: unknown, during: string): Promise<unknown> {
  if (await databaseAnswers(database.url)) return error;
  const cause = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return new Error(`the database (${database.summary}) stopped answering during ${during}: ${cause}`);
}

async function databaseAnswers(url: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await withTimeout(mysql.createConnection({ uri: url, connectTimeout: 3000 }), 5000, 'no answer');
    await withTimeout(connection.ping(), 3000, 'no answer');
    return true;
  } catch {
    return false;
  } finally {
    connection?.destroy();
  }
}

async function benchmark(given: Config, argv: readonly string[], log: Log, phase: Phase): Promise<Report> {
  const startedAt = new Date();
  const machineBefore = await snapshotMachine();
  const pinning = parsePinning(given.pinCpus);
  if (pinning !== null) await pinHarness(pinning);
  const suite = resolveSuite(given);
  const config = withSuiteServers(given, suite, argv);
  const targets = await chooseTargets(config, log);
  const stories = storiesFor(targets);
  const remote = Object.keys(config.baseUrls).length > 0;

  let database: Database;
  let seed: Environment['seed'];
  if (remote) {
    if (config.mysqlUrl === undefined) throw new Error('--base-urls needs MYSQL_URL too: work counters are read at the database');
    database = await startDatabase({ ...config, dbProvider: 'url' }, log);
    phase.database = database;
    checkUrlDatabase(database, connectionsNeeded(suite, config, targets.length), false, log);
    seed = { value: config.seed, fingerprint: 'not seeded by this run', projectSizes: [], samplesPerGid: 0 };
  } else {
    database = await startDatabase(config, log);
    phase.database = database;
    checkUrlDatabase(database, connectionsNeeded(suite, config, targets.length), true, log);
    phase.label = 'seeding';
    const seeded = await seedDatabase(database.url, config, log);
    const summary = seeded.summary;
    seed = { value: summary.seed, fingerprint: summary.fingerprint, projectSizes: [...summary.projectSizes], samplesPerGid: summary.samplesPerGid };
  }

  phase.label = 'the run\'s setup';
  const admin = await mysql.createConnection({ uri: database.url });
  onCleanup(() => admin.end());
  if (database.provider === 'url') log(await otherTrafficWarning(admin));
  const projects = projectsToMeasure(await seededProjects(admin), suite);
  const agent = createOneConnectionAgent();
  onCleanup(() => agent.destroy());
  const counter = await openWorkCounter(database.url);
  onCleanup(() => counter.close());
  const fingerprints = counter.digests.available
    ? 'performance_schema statement digests'
    : `none: ${counter.digests.reason}; statements are counted by kind only`;
  if (!counter.digests.available) log(`statement fingerprints: ${fingerprints}`);
  const state: RunState = {
    config, suite, targets, stories, database, admin, counter, agent, log, projects,
    measurements: [], equivalence: [], running: [], proxy: undefined, micro: undefined,
    checked: new Map(), pagePlans: new Map(), excluded: new Set(),
  };

  const countersOnly = config.benchCountersOnly;
  const steps = planRun({ suite, targets: targets.map((target) => target.name), projects, remote, countersOnly, micro: config.benchMicro });
  const progress = createProgress(steps.map(stepKey), log);
  for (const [index, step] of steps.entries()) {
    phase.label = `step ${index + 1}/${steps.length}, ${stepLabel(step, suite)}`;
    progress.start(index, stepLabel(step, suite));
    await runStep(state, step, pinning);
    progress.finish(stepKey(step));
  }
  phase.label = 'the run\'s end';
  await stopServers(state);

  const environment = await collectEnvironment({
    database: { provider: database.provider, server: await databaseServerName(admin) },
    servers: remote ? 'remote' : 'local',
    seed,
  });
  const finishedAt = new Date();
  const machine = machineBetween(machineBefore, await snapshotMachine(), database.provider === 'local');
  return {
    schemaVersion: reportSchemaVersion,
    tool: 'settings-api-bench',
    run: {
      id: runId(startedAt, environment.git.sha),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
      argv: safeArgv(argv),
    },
    environment,
    machine,
    parameters: {
      suite: suite.name,
      targets: targets.map(({ name, kind, summary, maxCpuOnPage, revision }) => ({
        name, kind, summary, maxCpuOnPage, ...(revision === undefined ? {} : { revision }),
      })),
      stories,
      projects,
      injectedLatenciesMs: [...new Set(pageLoadCells(suite).map((cell) => cell.injectedMs))].sort((a, b) => a - b),
      headline: { ...suite.headline, latenciesMs: [...suite.headline.latenciesMs] },
      pageLoad: { ...suite.pageLoad, sizes: [...suite.pageLoad.sizes] },
      latencySweep: { ...suite.latencySweep, latenciesMs: [...suite.latencySweep.latenciesMs] },
      load: { ...suite.load, sizes: [...suite.load.sizes], openLoop: { ...suite.load.openLoop, capacityPercents: [...suite.load.openLoop.capacityPercents] } },
      micro: { ...suite.micro, gidCounts: [...suite.micro.gidCounts] },
      chunkSize: config.settingsChunkSize,
      cpuPinning: pinning,
      maxGidsPerRequest: config.maxGidsPerRequest,
      fingerprints,
      countersOnly,
    },
    equivalence: state.equivalence,
    measurements: state.measurements,
  };
}

export function runId(startedAt: Date, sha: string): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${sha.slice(0, 7)}`;
}
