// Starts one variant's API server: `node lib/serve.ts --variant baseline --mysql-url ...`.
// It prints one `ready <url>` line (and tells a parent process over IPC) once listening,
// so harnesses never guess ports or sleep.
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

const app = buildServer({ variant, db, maxGidsPerRequest: config.maxGidsPerRequest, tracer: tracing?.tracer });
const address = await app.listen({ host: config.host, port: config.port });

async function shutdown(exitCode: number): Promise<void> {
  await app.close();
  await closeDataAccess(db);
  // Last: pooled threads end in closeDataAccess, and their spans still go to the file.
  await tracing?.shutdown();
  process.exit(exitCode);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
// Started by a harness with an IPC channel: if the harness dies, so do we.
process.once('disconnect', () => void shutdown(0));

process.stdout.write(`ready ${address} variant=${variant.name}\n`);
process.send?.({ type: 'ready', url: address, variant: variant.name });
