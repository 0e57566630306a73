// `make trace VARIANT=baseline,wave1-lazy,optimized SIZE=100`: for each target (a variant,
// or any server that honours TRACE_FILE, see docs/tracing.md), starts it with
// OpenTelemetry tracing on against a throwaway seeded database, loads one settings page
// (and the /max-cpus call a lazy page makes) inside a trace, and writes the trace as OTLP
// JSON, a waterfall SVG and a wall-clock flame graph (bench/tools/trace/outputs.ts); then, for
// each two targets next to each other in the list, a differential wall-clock flame graph.
// It prints what it found: queries, connections and threads, checked against the
// database's own counters, and any N + 1.
//
// Why spans, beside `make profile`'s CPU samples: a CPU profile sees a thread only while
// it runs. An N + 1 loop mostly waits for the database, which a CPU profile shows as
// idle, and the baseline's threads run in isolates of their own; a trace times every
// query, connection and thread from start to end, waiting included.
// Exit codes: 0 written; 1 failed; 2 bad flags; 130/143 interrupted.
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { configFromCli } from '../../../lib/config.ts';
import type { Config } from '../../../lib/config.ts';
import { harnessServiceName } from '../../../lib/tracing/names.ts';
import { startTracing } from '../../../lib/tracing/provider.ts';
import { log, runPageCommand, startSeededPages } from '../page-command.ts';
import { serverEnv } from '../../run/server-env.ts';
import { builtInTargets, readUserTargets, selectTargets } from '../../run/targets.ts';
import { captureTrace } from './capture.ts';
import { writeDifferential } from './differential.ts';
import { traceBaseName, writeTrace } from './outputs.ts';
import type { WrittenTrace } from './outputs.ts';

async function traceTargets(config: Config): Promise<string[]> {
  const user = config.targetsFile === undefined ? [] : await readUserTargets(config.targetsFile);
  const { targets } = selectTargets([...builtInTargets, ...user], config.benchTargets ?? [config.variant]);
  const { database, smallest, projects } = await startSeededPages(config);
  const spans = new InMemorySpanExporter();
  const tracing = startTracing({ serviceName: harnessServiceName, exporter: spans });
  const report: string[] = [];
  try {
    for (const project of projects) {
      const written: { name: string; trace: WrittenTrace }[] = [];
      for (const target of targets) {
        const lazy = target.maxCpuOnPage === 'lazy';
        log(`trace: ${target.name}, ${project.code} (${project.gids} gids)${lazy ? ', the page then its /max-cpus' : ''}`);
        const capture = await captureTrace({ tracing, spans }, {
          target: { ...target, command: { ...target.command, env: { ...target.command.env, ...serverEnv(config) } } },
          mysqlUrl: database.url,
          warmUpCode: smallest.code,
          project,
        });
        const title = `${target.name}: GET /api/projects/${project.code}/settings${lazy ? ' + /max-cpus' : ''} (${project.gids} gids)`;
        const trace = await writeTrace(config.traceOut, { baseName: traceBaseName(target.name, project.gids), title }, capture.trace, capture.counted);
        written.push({ name: target.name, trace });
        report.push('', `${target.name}, ${project.gids} gids:`, ...trace.summary.map((line) => `  ${line}`), ...trace.files.map((file) => `  ${file}`));
      }
      for (const [index, after] of written.entries()) {
        const before = written[index - 1];
        if (before === undefined) continue;
        const file = await writeDifferential(config.traceOut, project.gids, { name: before.name, wall: before.trace.wall }, { name: after.name, wall: after.trace.wall });
        report.push('', `${before.name} → ${after.name}, ${project.gids} gids: ${file}`);
      }
    }
  } finally {
    await tracing.shutdown();
  }
  await database.stop();
  return report;
}

const config = configFromCli(['bench', 'server', 'seed', 'database']);
await runPageCommand('trace', () => traceTargets(config));
