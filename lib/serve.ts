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

const app = buildServer({ variant, db, maxGidsPerRequest: config.maxGidsPerRequest, calibrationSlowdown: config.calibrationSlowdown });
if (config.calibrationSlowdown > 0) process.stderr.write(`calibration: every request ${config.calibrationSlowdown * 100} % slower (CALIBRATION_SLOWDOWN)\n`);
const address = await app.listen({ host: config.host, port: config.port });

async function shutdown(exitCode: number): Promise<void> {
  await app.close();
  await closeDataAccess(db);
  process.exit(exitCode);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
if (config.exitWithStdin) process.stdin.on('end', () => void shutdown(0)).resume();

process.stdout.write(`ready ${address} variant=${variant.name}\n`);
