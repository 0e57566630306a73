// make calibrate: measures how often the timing gate cries wolf and how often it catches
// a real slowdown, for the suite CI runs (quick by default).
//
// K full two-revision runs of the quick suite would take hours; what the gate decides
// on is the timed cells of each target, so one comparison is one harness run of a single
// target and its twin on those cells (page load at every size and injected latency, load),
// repetitions interleaved A B A B exactly as in `make bench REF=`, then split and judged
// as `make compare RUN=` does. The twin is the same code (A/A) or the same code with
// CALIBRATION_SLOWDOWN (busy work worth that fraction of each request's own time). What
// this measures is the error rate of one target's timing verdicts; over T targets with
// independent noise, the whole gate's false-alarm rate is at most T times it.
//
//   make calibrate ARGS='--comparisons 20 --slowdowns 0,0.1,0.25 --targets optimized'
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { configFromCli, givenOptions } from '../../lib/config.ts';
import { findVariant } from '../../variants/index.ts';
import { seedDatabase } from '../../seed/seed.ts';
import { baseName, headName, judge, rates, ratesTable, thresholdSweep } from './calibration.ts';
import type { Outcome } from './calibration.ts';
import { installSignalHandlers, runCleanups } from '../run/cleanup.ts';
import { compareDefaults } from './compare.ts';
import { startDatabase } from '../tools/db/index.ts';
import { reportSchema } from '../report/schema.ts';
import type { Report } from '../report/schema.ts';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const log = (line: string): void => void process.stderr.write(`${line}\n`);

installSignalHandlers();
// The suite CI runs, unless another is asked for.
const argv = givenOptions(process.argv.slice(2), process.env).has('suite') ? process.argv.slice(2) : ['--suite', 'quick', ...process.argv.slice(2)];
const config = configFromCli(['bench', 'seed', 'database', 'server'], argv);
const target = config.benchTargets?.[0] ?? 'optimized';
const variant = findVariant(target);
if (variant === undefined || (config.benchTargets?.length ?? 1) > 1) {
  log(`error: --targets names the one variant to calibrate on (default optimized); got ${config.benchTargets?.join(',')}`);
  process.exit(2);
}
const slowdowns = config.calibrationSlowdowns ?? [0, 0.1, 0.25];
const folder = path.join(config.resultsDir, `calibration-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`);

function twin(name: string, slowdown: number): object {
  return {
    name,
    summary: slowdown === 0 ? `${target}, unchanged` : `${target} with ${slowdown * 100} % extra cost (calibration only)`,
    maxCpuOnPage: variant?.maxCpuOnPage,
    command: process.execPath,
    args: ['lib/serve.ts', '--variant', target],
    cwd: repositoryRoot,
    env: { CALIBRATION_SLOWDOWN: String(slowdown) },
  };
}

type Judged = { readonly outcome: Outcome; readonly run: { readonly report: Report; readonly slowdown: number } };

async function readRun(runs: string, dir: string, slowdown: number): Promise<Judged> {
  const report = reportSchema.parse(JSON.parse(await readFile(path.join(runs, dir, 'report.json'), 'utf8')));
  const outcome = judge(report, target, slowdown, { alpha: compareDefaults.alpha, threshold: compareDefaults.threshold });
  return { outcome, run: { report, slowdown } };
}

// The error rates at the gate's settings, and what other thresholds would have given.
async function summarize(into: string, judged: readonly Judged[]): Promise<void> {
  const table = ratesTable(rates(judged.map((entry) => entry.outcome)));
  const sweep = thresholdSweep(judged.map((entry) => entry.run), target, [0.05, 0.1, 0.15, 0.2, 0.25], compareDefaults.alpha);
  const command = `make calibrate ARGS='${argv.join(' ')}'`;
  const text = `${table}\n\nThe same runs at other thresholds (alpha ${compareDefaults.alpha}), gate failed on timing / comparisons:\n\n${sweep}\n`;
  await writeFile(path.join(into, 'calibration.md'), `# Timing gate calibration, ${target}, suite ${config.suite}\n\n${text}\nMeasured with: \`${command}\`\n`);
  process.stdout.write(`${text}\nper comparison: ${path.join(into, 'calibration.json')}\n`);
}

// One comparison: a whole harness run in its own process, as CI would run it.
async function compareOnce(databaseUrl: string, slowdown: number, index: number): Promise<Judged> {
  const runs = path.join(folder, 'runs');
  await mkdir(runs, { recursive: true });
  const targetsFile = path.join(folder, `targets-${slowdown}.json`);
  await writeFile(targetsFile, JSON.stringify([twin(baseName(target), 0), twin(headName(target), slowdown)], null, 2));
  const before = new Set(await readdir(runs));
  const args = [
    'bench/run/cli.ts', ...argv,
    '--targets-file', targetsFile, '--targets', `${baseName(target)},${headName(target)}`, '--micro', 'false', '--results-dir', runs,
  ];
  try {
    await run(process.execPath, args, { cwd: repositoryRoot, env: { ...process.env, MYSQL_URL: databaseUrl, DB_PROVIDER: 'url' }, maxBuffer: 64 * 2 ** 20 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? String(error);
    throw new Error(`comparison ${index + 1} at +${slowdown * 100} %: the run failed: ${stderr}`);
  }
  const created = (await readdir(runs)).filter((name) => !before.has(name) && !name.includes('.partial-'));
  const dir = created[0];
  if (dir === undefined) throw new Error('the run wrote no run folder');
  return readRun(runs, dir, slowdown);
}

async function rejudge(earlier: string): Promise<void> {
  const saved = JSON.parse(await readFile(path.join(earlier, 'calibration.json'), 'utf8')) as { outcomes: { slowdown: number; run: string }[] };
  const runs = path.join(earlier, 'runs');
  const names = await readdir(runs);
  const judged: Judged[] = [];
  for (const outcome of saved.outcomes) {
    const dir = names.find((name) => name === outcome.run);
    if (dir !== undefined) judged.push(await readRun(runs, dir, outcome.slowdown));
  }
  await summarize(earlier, judged);
}

try {
  if (config.calibrationFolder !== undefined) {
    await rejudge(config.calibrationFolder);
    process.exit(0);
  }
  const database = await startDatabase(config, log);
  await seedDatabase(database.url, config, log);
  const judged: Judged[] = [];
  // Round-robin over the slowdowns, so drift of the machine hits every rate alike.
  for (let index = 0; index < config.calibrationComparisons; index++) {
    for (const slowdown of slowdowns) {
      const entry = await compareOnce(database.url, slowdown, index);
      judged.push(entry);
      const { outcome } = entry;
      const outcomes = judged.map((done) => done.outcome);
      const label = slowdown === 0 ? 'A/A' : `+${slowdown * 100} %`;
      const verdict = outcome.alarm ? `gate FAILED on ${outcome.flagged.join('; ')}` : `gate passed (${outcome.timedMetrics} timed metrics)`;
      log(`[${index + 1}/${config.calibrationComparisons}] ${label}: ${verdict}`);
      await writeFile(path.join(folder, 'calibration.json'), JSON.stringify({ target, suite: config.suite, argv, outcomes }, null, 2));
    }
  }
  await summarize(folder, judged);
  await runCleanups();
  process.exit(0);
} catch (error) {
  log(`calibrate failed: ${error instanceof Error ? error.message : String(error)}`);
  await runCleanups();
  process.exit(1);
}
