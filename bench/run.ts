// One benchmark run: database, seed, servers, then the planned steps in order. Every
// measurement lands in memory; the report is written only when all steps succeeded.
import type http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';
import type { Config } from '../lib/config.ts';
import { closeDataAccess, openDataAccess } from '../lib/data-access.ts';
import { findProject } from '../lib/project.ts';
import type { DataAccess, Project, Variant } from '../lib/types.ts';
import { findVariant, variantNames } from '../variants/index.ts';
import { seedDatabase } from '../seed/seed.ts';
import { onCleanup } from './cleanup.ts';
import { startDatabase } from './db/index.ts';
import type { Database } from './db/index.ts';
import { seededProjects } from './db-projects.ts';
import { databaseServerName } from './db-status.ts';
import { withTimeout } from './db/with-timeout.ts';
import { collectEnvironment } from './environment.ts';
import { compareToExpected, expectedPages } from './equivalence.ts';
import { getHttpJson } from './http-json.ts';
import { startLatencyProxy } from './latency/index.ts';
import type { LatencyProxy } from './latency/types.ts';
import { viaProxy } from './latency/types.ts';
import { runLoad } from './load.ts';
import { microTasks, openBareConnection, runMicroTasks } from './micro.ts';
import { createOneConnectionAgent, timeRequest, timeSequentialRequests } from './page-load.ts';
import { planRun, stepKey, stepLabel } from './plan.ts';
import type { PlannedProject, Step } from './plan.ts';
import { profiles } from './profiles.ts';
import type { Profile } from './profiles.ts';
import { createProgress } from './progress.ts';
import { reportSchemaVersion } from './report-schema.ts';
import type { Environment, Measurement, Report } from './report-schema.ts';
import { startServerProcess } from './server-process.ts';
import { checkUrlDatabase, connectionsNeeded, otherTrafficWarning } from './shared-database.ts';
import { countedRequest } from './work-counters.ts';

type Log = (line: string) => void;

type Target = { readonly variant: Variant; readonly url: string; readonly pid: number | undefined; stop(): Promise<void> };

type RunState = {
  readonly config: Config;
  readonly profile: Profile;
  readonly variants: readonly Variant[];
  readonly database: Database;
  readonly admin: Connection;
  readonly agent: http.Agent;
  readonly log: Log;
  readonly measurements: Measurement[];
  readonly equivalence: Report['equivalence'];
  readonly workersPerRequest: Map<string, number>;
  targets: Target[];
  proxy: LatencyProxy | undefined;
  // Opened at the first micro step and reused: connections and the project's gids.
  micro: { db: DataAccess; bare: Connection; project: Project } | undefined;
  // Page-load requests per repetition, chosen from the warm-up time of each cell.
  readonly requestsPerCell: Map<string, number>;
  // What the check step measured: each variant's page time per project (ms).
  readonly firstPageMs: Map<string, number>;
  // Cells not measured at all (too slow to afford), keyed "variant gids".
  readonly excluded: Set<string>;
  readonly projects: readonly PlannedProject[];
};

// The profile, with what the command line overrides.
export function resolveProfile(config: Config): Profile {
  const base = profiles[config.profile];
  const sizes = config.benchSizes;
  const sweepSize = sizes === undefined || sizes.includes(base.latencySweep.size) ? base.latencySweep.size : (sizes[0] ?? 0);
  const repetitions = config.benchRepetitions;
  return {
    ...base,
    projects: sizes ?? base.projects,
    pageLoad: { ...base.pageLoad, sizes: sizes ?? base.pageLoad.sizes, repetitions: repetitions ?? base.pageLoad.repetitions },
    latencySweep: { size: sweepSize, latenciesMs: config.benchLatencies ?? base.latencySweep.latenciesMs },
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

function selectVariants(config: Config): Variant[] {
  return (config.benchVariants ?? variantNames).map((name) => {
    const variant = findVariant(name);
    if (variant === undefined) throw new Error(`unknown variant "${name}"; one of: ${variantNames.join(', ')}`);
    return variant;
  });
}

function projectsToMeasure(all: readonly PlannedProject[], profile: Profile): PlannedProject[] {
  const wanted = new Set([...profile.projects, ...profile.pageLoad.sizes, ...profile.load.sizes, profile.latencySweep.size]);
  for (const size of wanted) {
    if (!all.some((project) => project.gids === size)) {
      const seeded = all.map((project) => project.gids).join(', ');
      throw new Error(`no seeded project has ${size} gids (seeded: ${seeded}); choose with --sizes or seed with --project-sizes`);
    }
  }
  return all.filter((project, index) => wanted.has(project.gids) && all.findIndex((p) => p.gids === project.gids) === index);
}

async function startTargets(state: RunState, injectedMs: number): Promise<void> {
  await Promise.all(state.targets.map((target) => target.stop()));
  const remote = state.config.baseUrls;
  if (Object.keys(remote).length > 0) {
    state.targets = state.variants.map((variant) => {
      const url = remote[variant.name];
      if (url === undefined) throw new Error(`--base-urls has no URL for variant "${variant.name}"`);
      return { variant, url, pid: undefined, stop: async () => undefined };
    });
    return warmUp(state);
  }
  let mysqlUrl = state.database.url;
  if (injectedMs > 0) {
    state.proxy ??= await startProxy(state, injectedMs);
    await state.proxy.setLatency(injectedMs);
    mysqlUrl = viaProxy(state.database.url, state.proxy);
  }
  const env = {
    POOL_SIZE: String(state.config.poolSize),
    SETTINGS_CHUNK_SIZE: String(state.config.settingsChunkSize),
    MAX_GIDS_PER_REQUEST: String(state.config.maxGidsPerRequest),
    THREAD_POOL_SIZE: String(state.config.threadPoolSize),
  };
  const targets: Target[] = [];
  // One after another: starting five Node processes at once on two cores skews nothing
  // measured, but sequential starts give clearer errors.
  for (const variant of state.variants) {
    const server = await startServerProcess({ variant: variant.name, mysqlUrl, env });
    onCleanup(() => server.stop());
    targets.push({ variant, url: server.url, pid: server.pid, stop: () => server.stop() });
  }
  state.targets = targets;
  await warmUp(state);
}

// The smallest page once per server: pools and thread pools open their connections now,
// so the work counted later is each request's own.
async function warmUp(state: RunState): Promise<void> {
  const smallest = state.projects[0];
  if (smallest === undefined) return;
  for (const server of state.targets) await timeRequest(server.url + pagePath(smallest), state.agent);
}

async function startProxy(state: RunState, initialMs: number): Promise<LatencyProxy> {
  const url = new URL(state.database.url);
  const proxy = await startLatencyProxy(
    { host: url.hostname, port: Number(url.port || 3306) },
    {
      prefer: state.config.latencyProxy,
      initialMs,
      toxiproxyImage: state.config.toxiproxyImage,
      containerNetwork: state.config.containerNetwork,
    },
    state.log,
  );
  onCleanup(() => proxy.stop());
  return proxy;
}

function target(state: RunState, variant: string): Target {
  const found = state.targets.find((candidate) => candidate.variant.name === variant);
  if (found === undefined) throw new Error(`no server for variant ${variant}`);
  return found;
}

const pagePath = (project: PlannedProject): string => `/api/projects/${project.code}/settings`;

// Key of the per-variant, per-size maps of RunState.
const cellKey = (variant: string, gids: number): string => `${variant} ${gids}`;

async function measurePageLoad(state: RunState, step: Extract<Step, { kind: 'page-load' }>): Promise<void> {
  if (state.excluded.has(cellKey(step.variant, step.project.gids))) return;
  const url = target(state, step.variant).url + pagePath(step.project);
  const cell = { variant: step.variant, project: step.project.code, gids: step.project.gids, injectedMs: step.injectedMs };
  const key = stepKey(step);
  const { pageLoad } = state.profile;
  let requests = state.requestsPerCell.get(key);
  if (requests === undefined) {
    // At 0 ms the check step already timed this page; behind the proxy, a first request tells.
    const knownMs = step.injectedMs === 0 ? state.firstPageMs.get(cellKey(step.variant, step.project.gids)) : undefined;
    const firstMs = knownMs ?? (await timeSequentialRequests(url, 1, state.agent))[0] ?? 1;
    if (firstMs > pageLoad.timeOnceAboveSeconds * 1000) {
      state.requestsPerCell.set(key, 0);
      state.measurements.push({ kind: 'page-load', ...cell, repetition: 0, samplesMs: [firstMs] });
      state.measurements.push({
        kind: 'skipped', step: 'page-load', variant: step.variant, gids: step.project.gids, injectedMs: step.injectedMs,
        reason: `timed once, not repeated: one page takes ${(firstMs / 1000).toFixed(1)} s (over ${pageLoad.timeOnceAboveSeconds} s)`,
      });
      return;
    }
    const affordable = Math.floor((pageLoad.secondsPerCell * 1000) / (firstMs * pageLoad.repetitions));
    requests = Math.max(1, Math.min(pageLoad.requestsPerRepetition, affordable));
    state.requestsPerCell.set(key, requests);
  }
  if (requests === 0) return;
  const samplesMs = await timeSequentialRequests(url, requests, state.agent);
  state.measurements.push({ kind: 'page-load', ...cell, repetition: step.repetition, samplesMs });
}

// Every variant must return the same data; the same requests are counted at the database.
async function checkAndCount(state: RunState, step: Extract<Step, { kind: 'check' }>): Promise<void> {
  const lazy = state.targets.find((candidate) => candidate.variant.maxCpuOnPage === 'lazy') ?? state.targets[0];
  if (lazy === undefined) return;
  const expected = await expectedPages(lazy.url, step.project.code, state.config.maxGidsPerRequest);
  const checked: string[] = [];
  for (const server of state.targets) {
    const tooSlow = predictedTooSlow(state, server.variant.name, step.project);
    if (tooSlow !== undefined) {
      state.excluded.add(cellKey(server.variant.name, step.project.gids));
      state.measurements.push({
        kind: 'skipped', step: 'page-load', variant: server.variant.name, gids: step.project.gids, injectedMs: 0, reason: tooSlow,
      });
      continue;
    }
    checked.push(server.variant.name);
    const counted = await countedRequest(state.admin, server.url + pagePath(step.project), server.pid);
    if (counted.status !== 200) throw new Error(`${server.variant.name} answered ${counted.status} for ${step.project.code}`);
    const verdict = compareToExpected(server.variant, counted.body, expected);
    if (!verdict.identical) {
      throw new Error(`${server.variant.name} returns different data for ${step.project.code}: ${verdict.detail}`);
    }
    const key = cellKey(server.variant.name, step.project.gids);
    state.firstPageMs.set(key, counted.ms);
    state.workersPerRequest.set(key, counted.work.workers);
    state.measurements.push({
      kind: 'counters',
      variant: server.variant.name,
      project: step.project.code,
      gids: step.project.gids,
      route: 'settings',
      injectedMs: 0,
      requests: 1,
      ...counted.work,
    });
  }
  state.equivalence.push({
    project: step.project.code,
    gids: step.project.gids,
    variants: checked,
    identical: true,
  });
}

function predictedTooSlow(state: RunState, variant: string, project: PlannedProject): string | undefined {
  if (variant === 'baseline') return undefined;
  const smaller = state.projects.filter((p) => p.gids < project.gids && state.firstPageMs.has(cellKey(variant, p.gids))).at(-1);
  if (smaller === undefined) return undefined;
  const measuredMs = state.firstPageMs.get(cellKey(variant, smaller.gids)) ?? 0;
  const predictedSeconds = (measuredMs * (project.gids / smaller.gids)) / 1000;
  if (predictedSeconds <= state.profile.maxPageSeconds) return undefined;
  return `not measured: ${(measuredMs / 1000).toFixed(1)} s at ${smaller.gids} gids predicts ${predictedSeconds.toFixed(0)} s per page (over ${state.profile.maxPageSeconds} s)`;
}

async function measureLoad(state: RunState, step: Extract<Step, { kind: 'load' }>): Promise<void> {
  if (state.excluded.has(cellKey(step.variant, step.project.gids))) return;
  const { load } = state.profile;
  // The check step counted every measured project before any load step runs.
  const threads = (state.workersPerRequest.get(cellKey(step.variant, step.project.gids)) ?? 0) * load.connections;
  const pageSeconds = (state.firstPageMs.get(cellKey(step.variant, step.project.gids)) ?? 0) / 1000;
  const reason =
    threads > load.maxConcurrentWorkers
      ? `${load.connections} concurrent pages would start ${threads} threads at once (limit ${load.maxConcurrentWorkers})`
      : pageSeconds > load.durationSeconds
        ? `one page alone takes ${pageSeconds.toFixed(1)} s, longer than the ${load.durationSeconds} s load window`
        : undefined;
  if (reason !== undefined) {
    if (step.repetition === 0) {
      state.measurements.push({ kind: 'skipped', step: 'load', variant: step.variant, gids: step.project.gids, injectedMs: 0, reason });
    }
    return;
  }
  const result = await runLoad({
    url: target(state, step.variant).url + pagePath(step.project),
    connections: load.connections,
    durationSeconds: load.durationSeconds,
    warmupSeconds: load.warmupSeconds,
    timeoutSeconds: 30,
  });
  state.measurements.push({
    kind: 'load',
    variant: step.variant,
    project: step.project.code,
    gids: step.project.gids,
    injectedMs: 0,
    repetition: step.repetition,
    connections: load.connections,
    durationSeconds: load.durationSeconds,
    ...result,
  });
  // Pages still running when autocannon stops would steal time from the next step.
  await waitUntilIdle(target(state, step.variant).url);
}

async function waitUntilIdle(serverUrl: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const health = await getHttpJson(`${serverUrl}/health`);
    if ((health.body as { inFlight?: number }).inFlight === 0) return;
    await sleep(200);
  }
  throw new Error(`${serverUrl} still busy 5 minutes after the load stopped`);
}

async function openMicro(state: RunState): Promise<NonNullable<RunState['micro']>> {
  const db = openDataAccess(state.database.url, state.config);
  const bare = await openBareConnection(state.database.url);
  onCleanup(async () => {
    await closeDataAccess(db);
    await bare.end();
  });
  const largest = state.projects.at(-1);
  const project = largest === undefined ? undefined : await findProject(db, largest.code);
  if (project === undefined) throw new Error('no project to run micro-benchmarks on');
  return { db, bare, project };
}

async function measureMicro(state: RunState, step: Extract<Step, { kind: 'micro' }>): Promise<void> {
  state.micro ??= await openMicro(state);
  const gids = state.micro.project.groups.slice(0, step.gids).map((group) => group.gid);

  const { micro } = state.profile;
  const tasks = microTasks.filter((task) => task.threadPerGid !== true || step.gids <= micro.maxWorkerGids);
  if (step.repetition === 0) {
    for (const task of microTasks.filter((candidate) => !tasks.includes(candidate))) {
      state.measurements.push({
        kind: 'skipped',
        step: 'micro',
        variant: task.name,
        gids: step.gids,
        injectedMs: 0,
        reason: `starts a thread per gid; above ${micro.maxWorkerGids} gids see the page-load figures`,
      });
    }
  }
  const samples = await runMicroTasks(tasks, { ...state.micro, gids }, micro);
  for (const sample of samples) {
    state.measurements.push({ kind: 'micro', gids: step.gids, injectedMs: 0, repetition: step.repetition, ...sample });
  }
}

async function runStep(state: RunState, step: Step): Promise<void> {
  switch (step.kind) {
    case 'start-servers':
      return startTargets(state, step.injectedMs);
    case 'check':
      return checkAndCount(state, step);
    case 'page-load':
      return measurePageLoad(state, step);
    case 'load':
      return measureLoad(state, step);
    case 'micro':
      return measureMicro(state, step);
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

async function benchmark(config: Config, argv: readonly string[], log: Log, phase: Phase): Promise<Report> {
  const startedAt = new Date();
  const profile = resolveProfile(config);
  const variants = selectVariants(config);
  const remote = Object.keys(config.baseUrls).length > 0;

  let database: Database;
  let seed: Environment['seed'];
  if (remote) {
    if (config.mysqlUrl === undefined) throw new Error('--base-urls needs MYSQL_URL too: work counters are read at the database');
    database = await startDatabase({ ...config, dbProvider: 'url' }, log);
    phase.database = database;
    checkUrlDatabase(database, connectionsNeeded(profile, config, variants.length), false, log);
    seed = { value: config.seed, fingerprint: 'not seeded by this run', projectSizes: [], samplesPerGid: 0 };
  } else {
    database = await startDatabase(config, log);
    phase.database = database;
    checkUrlDatabase(database, connectionsNeeded(profile, config, variants.length), true, log);
    phase.label = 'seeding';
    const seeded = await seedDatabase(database.url, config, log);
    const summary = seeded.summary;
    seed = { value: summary.seed, fingerprint: summary.fingerprint, projectSizes: [...summary.projectSizes], samplesPerGid: summary.samplesPerGid };
  }

  phase.label = 'the run\'s setup';
  const admin = await mysql.createConnection({ uri: database.url });
  onCleanup(() => admin.end());
  if (database.provider === 'url') log(await otherTrafficWarning(admin));
  const projects = projectsToMeasure(await seededProjects(admin), profile);
  const agent = createOneConnectionAgent();
  onCleanup(() => agent.destroy());
  const state: RunState = {
    config, profile, variants, database, admin, agent, log,
    measurements: [], equivalence: [], workersPerRequest: new Map(), requestsPerCell: new Map(),
    firstPageMs: new Map(), excluded: new Set(), projects, targets: [], proxy: undefined, micro: undefined,
  };

  const steps = planRun({ profile, variants: variants.map((variant) => variant.name), projects, remote });
  const progress = createProgress(steps.map(stepKey), log);
  for (const [index, step] of steps.entries()) {
    phase.label = `step ${index + 1}/${steps.length}, ${stepLabel(step, profile)}`;
    progress.start(index, stepLabel(step, profile));
    await runStep(state, step);
    progress.finish(stepKey(step));
  }
  phase.label = 'the run\'s end';
  await Promise.all(state.targets.map((server) => server.stop()));

  const environment = await collectEnvironment({
    database: { provider: database.provider, server: await databaseServerName(admin) },
    target: remote ? 'remote' : 'local',
    seed,
  });
  const finishedAt = new Date();
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
    parameters: {
      profile: profile.name,
      variants: variants.map((variant) => variant.name),
      projects,
      injectedLatenciesMs: [...new Set([0, ...profile.latencySweep.latenciesMs])],
      repetitions: profile.pageLoad.repetitions,
      pageLoad: { requestsPerRepetition: profile.pageLoad.requestsPerRepetition, warmupRequests: 1 },
      load: { connections: profile.load.connections, durationSeconds: profile.load.durationSeconds, warmupSeconds: profile.load.warmupSeconds },
      micro: { gidCounts: [...profile.micro.gidCounts], timeMs: profile.micro.timeMs, iterations: profile.micro.iterations },
      chunkSize: config.settingsChunkSize,
    },
    equivalence: state.equivalence,
    measurements: state.measurements,
  };
}

export function runId(startedAt: Date, sha: string): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${sha.slice(0, 7)}`;
}
