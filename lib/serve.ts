// Starts one variant's API server: `node lib/serve.ts --variant baseline --mysql-url ...`.
// It prints one `ready <url>` line once listening, so harnesses never guess ports or
// sleep (the contract every target keeps: peers/README.md).
import { configFromCli } from './config.ts';
import { closeDataAccess, openDataAccess } from './data-access.ts';
import { databaseErrorSummary } from './db-errors.ts';
import { buildServer } from './server.ts';
import { findVariant, variantNames } from '../variants/index.ts';

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

const config = configFromCli(['server', 'database']);
const variant = findVariant(config.variant) ?? fail(`unknown variant "${config.variant}"; one of: ${variantNames.join(', ')}`);
if (config.mysqlUrl === undefined) {
  fail('no database: set MYSQL_URL (or --mysql-url); `make db` starts a throwaway one and prints its URL');
}

const db = openDataAccess(config.mysqlUrl, config);
try {
  await db.pool.query('SELECT 1');
} catch (error) {
  await db.pool.end().catch(() => undefined);
  fail(`cannot reach the database at MYSQL_URL: ${databaseErrorSummary(error)}`);
}

// Loaded only when asked for: with tracing off, no OpenTelemetry SDK code runs at all.
const tracing = config.traceFile === undefined
  ? undefined
  : await (await import('./tracing/server-tracing.ts')).startServerTracing(config.traceFile, variant.name)
    .catch((error: Error) => fail(`cannot trace to ${config.traceFile}: ${error.message}`));

if (config.calibrationSlowdown > 0) process.stderr.write(`calibration: every request ${config.calibrationSlowdown * 100} % slower (CALIBRATION_SLOWDOWN)\n`);

const app = buildServer({ variant, db, maxGidsPerRequest: config.maxGidsPerRequest, tracer: tracing?.tracer, calibrationSlowdown: config.calibrationSlowdown });
const address = await app.listen({ host: config.host, port: config.port }).catch(async (error: NodeJS.ErrnoException) => {
  await closeDataAccess(db).catch(() => undefined);
  if (error.code === 'EADDRINUSE') {
    fail(`port ${config.port} on ${config.host} is in use: stop the server that holds it (Ctrl-C in its terminal) or choose another with --port`);
  }
  return fail(`cannot listen on ${config.host}:${config.port}: ${error.message}`);
});

// Once, however many of SIGTERM, SIGINT and the end of stdin arrive: a harness stopping
// a server may send two, and closing the pool twice would crash it before its last
// spans are written.
let stopping: Promise<void> | undefined;
function shutdown(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    await app.close();
    await closeDataAccess(db);
    // Last: pooled threads end in closeDataAccess, and their spans still go to the file.
    await tracing?.shutdown();
    process.exit(exitCode);
  })();
  return stopping;
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
if (config.exitWithStdin) process.stdin.on('end', () => void shutdown(0)).resume();

process.stdout.write(`ready ${address} variant=${variant.name}\n`);
