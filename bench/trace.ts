// `make trace VARIANT=baseline,wave1-lazy,optimized SIZE=100`: for each variant, starts
// its server with OpenTelemetry tracing on, against a throwaway seeded database, loads
// one settings page (and the /max-cpus call a lazy page makes) inside a trace, and writes
// the trace as OTLP JSON, a waterfall SVG and a wall-clock flame graph (see
// bench/trace/outputs.ts); then, for each pair of variants next to each other in the
// list, a differential wall-clock flame graph. It prints what it found: queries,
// connections and threads (checked against the database's own counters) and any N + 1.
//
// Why spans, beside `make profile`'s CPU samples: a CPU profile sees only a thread that
// runs. An N + 1 loop mostly waits for the database, which a CPU profile shows as idle,
// and the baseline's threads run in isolates of their own; a trace times every query,
// connection and thread from start to end, waiting included.
// Exit codes: 0 written; 1 failed; 2 bad flags; 130/143 interrupted.
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { configFromCli } from '../lib/config.ts';
import type { Config } from '../lib/config.ts';
import { harnessServiceName } from '../lib/tracing/names.ts';
import { startTracing } from '../lib/tracing/provider.ts';
import { findVariant, variantNames } from '../variants/index.ts';
import type { Variant } from '../lib/types.ts';
import { seedDatabase } from '../seed/seed.ts';
import { installSignalHandlers, isExiting, runCleanups } from './cleanup.ts';
import { startDatabase } from './db/index.ts';
import { captureTrace } from './trace/capture.ts';
import type { Harness } from './trace/capture.ts';
import { writeDifferential } from './trace/differential.ts';
import { writeTrace } from './trace/outputs.ts';
import type { WrittenTrace } from './trace/outputs.ts';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function traceVariants(config: Config): Promise<string[]> {
  const variants = (config.benchVariants ?? [config.variant]).map((name): Variant => {
    const variant = findVariant(name);
    if (variant === undefined) throw new Error(`unknown variant "${name}"; one of: ${variantNames.join(', ')}`);
    return variant;
  });
  const database = await startDatabase(config, log);
  const { summary } = await seedDatabase(database.url, config, log);
  const bySize = [...summary.projects].sort((a, b) => a.gids - b.gids);
  const smallest = bySize[0];
  const largest = bySize.at(-1);
  if (smallest === undefined || largest === undefined) throw new Error('the seed has no project');

  const spans = new InMemorySpanExporter();
  const tracing = startTracing({ serviceName: harnessServiceName, exporter: spans });
  const harness: Harness = { tracing, spans };
  const report: string[] = [];
  try {
    for (const gids of config.benchSizes ?? [largest.gids]) {
      const project = bySize.find((candidate) => candidate.gids === gids);
      if (project === undefined) {
        throw new Error(`no seeded project has ${gids} gids (seeded: ${bySize.map((p) => p.gids).join(', ')}); see --sizes`);
      }
      const written: { variant: string; trace: WrittenTrace }[] = [];
      for (const variant of variants) {
        const lazy = variant.maxCpuOnPage === 'lazy';
        log(`trace: ${variant.name}, ${project.code} (${gids} gids)${lazy ? ', the page then its /max-cpus' : ''}`);
        const capture = await captureTrace(harness, {
          variant: variant.name,
          lazy,
          mysqlUrl: database.url,
          env: {
            POOL_SIZE: String(config.poolSize),
            SETTINGS_CHUNK_SIZE: String(config.settingsChunkSize),
            MAX_GIDS_PER_REQUEST: String(config.maxGidsPerRequest),
            THREAD_POOL_SIZE: String(config.threadPoolSize),
          },
          warmUpCode: smallest.code,
          project: { code: project.code, gids },
        });
        const trace = await writeTrace(config.traceOut, { variant: variant.name, projectCode: project.code, gids, lazy }, capture);
        written.push({ variant: variant.name, trace });
        report.push('', `${variant.name}, ${gids} gids:`, ...trace.summary.map((line) => `  ${line}`), ...trace.files.map((file) => `  ${file}`));
      }
      for (const [index, after] of written.entries()) {
        const before = written[index - 1];
        if (before === undefined) continue;
        const file = await writeDifferential(config.traceOut, gids, { name: before.variant, wall: before.trace.wall }, { name: after.variant, wall: after.trace.wall });
        report.push('', `${before.variant} → ${after.variant}, ${gids} gids: ${file}`);
      }
    }
  } finally {
    await tracing.shutdown();
  }
  await database.stop();
  return report;
}

installSignalHandlers();
const config = configFromCli(['bench', 'server', 'seed', 'database']);
try {
  const report = await traceVariants(config);
  await runCleanups();
  process.stdout.write(`${report.join('\n')}\n`);
  process.exit(0);
} catch (error) {
  // Interrupted: the signal handler is stopping everything and will exit with 130/143.
  if (isExiting()) await new Promise(() => undefined);
  log(`trace failed: ${error instanceof Error ? error.message : String(error)}`);
  await runCleanups();
  process.exit(1);
}
