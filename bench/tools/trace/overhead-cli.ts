// `make trace-overhead [VARIANT=optimized] [SIZE=1000]`: what OpenTelemetry tracing costs
// one page of a variant, measured, not assumed: the variant with tracing off (twice: the
// A/A pair shows what two identical servers differ by) and with it on (spans to a file,
// as `make trace` runs it), plus any server from --targets-file to
// hold them against (for "off costs nothing", the same variant from a checkout made before
// tracing existed; see docs/tracing.md). Rounds interleaved, 95 % intervals. A figure is
// only a finding on a quiet machine: the command prints the load average it ran at.
// Exit codes: 0 measured; 1 failed; 2 bad flags; 130/143 interrupted.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromCli } from '../../../lib/config.ts';
import type { Config } from '../../../lib/config.ts';
import { formatMs } from '../../present/format.ts';
import { onCleanup } from '../../run/cleanup.ts';
import { log, runPageCommand, startSeededPages } from '../page-command.ts';
import { serverEnv } from '../../run/server-env.ts';
import { builtInTargets, readUserTargets, selectTargets } from '../../run/targets.ts';
import { measureOverhead, overheadPlan } from './overhead.ts';
import type { Arm, ArmResult } from './overhead.ts';

async function traceOverhead(config: Config): Promise<string[]> {
  const [target] = selectTargets(builtInTargets, [config.variant]).targets;
  if (target === undefined) throw new Error(`unknown variant "${config.variant}"`);
  const others = config.targetsFile === undefined ? [] : await readUserTargets(config.targetsFile);
  const { database, projects } = await startSeededPages(config);
  const dir = await mkdtemp(join(tmpdir(), 'trace-overhead-'));
  const removeDir = onCleanup(() => rm(dir, { recursive: true, force: true }));
  const withEnv = (command: Arm['command'], extra: Record<string, string>): Arm['command'] =>
    ({ ...command, env: { ...command.env, ...serverEnv(config), ...extra } });
  // Two servers with tracing off: how far apart two identical processes land is the
  // smallest difference this run can tell from noise (an A/A comparison).
  const arms: Arm[] = [
    { name: 'tracing off', command: withEnv(target.command, { TRACE_FILE: '' }) },
    { name: 'tracing off (A/A)', command: withEnv(target.command, { TRACE_FILE: '' }) },
    { name: 'tracing on', command: withEnv(target.command, { TRACE_FILE: join(dir, 'spans.otlp.jsonl') }) },
    ...others.map((other) => ({ name: other.name, command: withEnv(other.command, { TRACE_FILE: '' }) })),
  ];
  const rounds = config.benchRepetitions ?? overheadPlan.rounds;
  const report: string[] = [];
  try {
    for (const project of projects) {
      const pagePath = `/api/projects/${project.code}/settings`;
      const loadBefore = loadavg()[0] ?? 0;
      log(`trace-overhead: ${target.name}, ${pagePath} (${project.gids} gids), ${rounds} rounds × ${overheadPlan.requestsPerRound} requests per arm`);
      const results = await measureOverhead({ arms, mysqlUrl: database.url, pagePath, rounds, progress: log });
      report.push(...resultLines(target.name, project.gids, rounds, results, [loadBefore, loadavg()[0] ?? 0]));
    }
  } finally {
    removeDir();
    await rm(dir, { recursive: true, force: true });
  }
  await database.stop();
  return report;
}

function resultLines(variant: string, gids: number, rounds: number, results: readonly ArmResult[], load: readonly number[]): string[] {
  const quiet = load.every((value) => value < 1);
  return [
    '',
    `${variant}, ${gids} gids: page p50 per arm (median of ${rounds} round medians, ${overheadPlan.requestsPerRound} sequential requests a round, arms interleaved)`,
    ...results.map((result) => {
      const name = result.name.padEnd(24);
      const page = formatMs(result.medianMs).padStart(9);
      if (result.change === undefined) return `  ${name}${page}`;
      const { ratio, low, high, p } = result.change;
      if (low === 0 && high === Number.POSITIVE_INFINITY) return `  ${name}${page}   ${percent(ratio)} vs tracing off (too few rounds for a 95 % interval)`;
      const verdict = p < overheadPlan.alpha ? `p = ${p.toFixed(3)}` : `~ no significant difference (p = ${p.toFixed(2)})`;
      return `  ${name}${page}   ${percent(ratio)} vs tracing off, 95 % CI [${percent(low)}, ${percent(high)}], ${verdict}`;
    }),
    `load average ${load.map((value) => value.toFixed(2)).join(' → ')}: ${quiet ? 'a quiet machine' : 'a busy machine, so these figures are preliminary; measure again with nothing else running'}`,
  ];
}

function percent(ratio: number): string {
  const change = (ratio - 1) * 100;
  return `${change >= 0 ? '+' : '−'}${Math.abs(change).toFixed(1)} %`;
}

const config = configFromCli(['bench', 'server', 'seed', 'database']);
await runPageCommand('trace-overhead', () => traceOverhead(config));
