// What turning performance_schema on (as the harness does, for statement digests) costs
// the work it can touch: statements and connections. Two private servers, identical but
// for --performance-schema, measured in alternating blocks (A B A B ...) so drift hits
// both alike; per block the mean time of a single-row lookup on one connection, and of
// a connect + lookup + quit (the baseline's thread per gid). Reported as the ratio
// on/off with a 95 % interval and a Mann-Whitney p-value, as `make compare` would.
//
//   node bench/measure/performance-schema-cost.ts [--repetitions 20]
import mysql from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';
import { configFromCli } from '../../lib/config.ts';
import { installSignalHandlers, runCleanups } from '../run/cleanup.ts';
import { formatInterval, formatP, formatPercent } from '../judge/compare-numbers.ts';
import { startDatabase } from '../tools/db/index.ts';
import { changeInterval } from '../judge/stats/change-interval.ts';
import { median } from '../judge/stats/descriptive.ts';
import { mannWhitney } from '../judge/stats/mann-whitney.ts';

const LOOKUPS_PER_BLOCK = 500;
const CONNECTIONS_PER_BLOCK = 50;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function lookupsMs(connection: Connection): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < LOOKUPS_PER_BLOCK; index++) await connection.query('SELECT id FROM cost_probe WHERE id = ?', [index % 100]);
  return (performance.now() - started) / LOOKUPS_PER_BLOCK;
}

async function connectionsMs(url: string): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < CONNECTIONS_PER_BLOCK; index++) {
    const connection = await mysql.createConnection(url);
    await connection.query('SELECT id FROM cost_probe WHERE id = ?', [index]);
    await connection.end();
  }
  return (performance.now() - started) / CONNECTIONS_PER_BLOCK;
}

installSignalHandlers();
const config = configFromCli(['bench', 'database']);
const repetitions = config.benchRepetitions ?? 20;
try {
  const sides = [];
  for (const performanceSchema of ['off', 'on'] as const) {
    const database = await startDatabase({ ...config, dbProvider: 'local', dbPerformanceSchema: performanceSchema }, log);
    const connection = await mysql.createConnection(database.url);
    await connection.query('CREATE TABLE IF NOT EXISTS cost_probe (id INT PRIMARY KEY)');
    await connection.query('INSERT IGNORE INTO cost_probe VALUES ?', [Array.from({ length: 100 }, (_, id) => [id])]);
    sides.push({ performanceSchema, url: database.url, connection, lookups: [] as number[], connections: [] as number[] });
  }
  for (let repetition = 0; repetition < repetitions; repetition++) {
    // Alternate which side goes first, so neither always follows the other.
    for (const side of repetition % 2 === 0 ? sides : [...sides].reverse()) {
      side.lookups.push(await lookupsMs(side.connection));
      side.connections.push(await connectionsMs(side.url));
    }
  }
  const [off, on] = sides;
  if (off === undefined || on === undefined) throw new Error('two servers expected');
  for (const what of ['lookups', 'connections'] as const) {
    const change = changeInterval(off[what], on[what], 0.05);
    const label = what === 'lookups' ? 'single-row lookup' : 'connect + lookup + quit';
    process.stdout.write(
      `${label.padEnd(24)} off ${median(off[what]).toFixed(3)} ms  on ${median(on[what]).toFixed(3)} ms  `
        + `${formatPercent(change.ratio)} ${formatInterval(change)}  p = ${formatP(mannWhitney(off[what], on[what]).p)}  (${repetitions} blocks each)\n`,
    );
  }
  for (const side of sides) await side.connection.end();
  await runCleanups();
  process.exit(0);
} catch (error) {
  log(`performance-schema-cost failed: ${error instanceof Error ? error.message : String(error)}`);
  await runCleanups();
  process.exit(1);
}
