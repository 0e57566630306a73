// What the harness and the tests call: make sure the database holds the dataset that
// the config describes, generating it (or reusing the cached files) and loading it
// only when the database does not already hold exactly those bytes.
import type { RowDataPacket } from 'mysql2/promise';
import type { Config } from '../lib/config.ts';
import { cachedDataset } from './cache.ts';
import type { DatasetSummary } from './generate.ts';
import { loadDataset, openLoadConnection } from './load.ts';
import type { LoadResult } from './load.ts';
import { applySchema } from './schema.ts';

export type SeedResult = {
  readonly summary: DatasetSummary;
  readonly datasetDir: string;
  readonly generated: boolean; // false: files reused from the cache
  readonly generateSeconds: number;
  readonly load: LoadResult | null; // null: the database already held this dataset
};

export async function seedDatabase(url: string, config: Config, log: (line: string) => void): Promise<SeedResult> {
  const options = { seed: config.seed, projectSizes: config.projectSizes, samplesPerGid: config.samplesPerGid };
  const dataset = await cachedDataset(config.seedCacheDir, options);
  const result = { summary: dataset.summary, datasetDir: dataset.dir, generated: dataset.generated, generateSeconds: dataset.seconds };
  const connection = await openLoadConnection(url);
  try {
    await applySchema(connection);
    const [rows] = await connection.query<(RowDataPacket & { fingerprint: string })[]>('SELECT fingerprint FROM seed_info WHERE id = 1');
    if (rows[0]?.fingerprint === dataset.summary.fingerprint && !config.forceSeed) {
      log(`seed ${config.seed}: database already holds this dataset (fingerprint ${dataset.summary.fingerprint.slice(0, 12)}), load skipped (--force-seed reloads)`);
      return { ...result, load: null };
    }
    const load = await loadDataset(connection, dataset.dir, dataset.summary, { log, method: config.loadMethod });
    log(summaryLine(dataset.summary, dataset.generated ? dataset.seconds : null, load));
    return { ...result, load };
  } finally {
    await connection.end();
  }
}

// e.g. "seed 20240607: 1,859,223 rows in 9.1 s (generate 0.6 s, LOAD DATA 8.5 s) = 204,000 rows/s; cpu_samples 1,857,600 rows in 8.3 s = 224,000 rows/s"
function summaryLine(summary: DatasetSummary, generateSeconds: number | null, load: LoadResult): string {
  const total = Object.values(summary.rowCounts).reduce((sum, rows) => sum + rows, 0);
  const seconds = (generateSeconds ?? 0) + load.seconds;
  const samples = load.tables.find((table) => table.table === 'cpu_samples');
  const generation = generateSeconds === null ? 'files cached' : `generate ${generateSeconds.toFixed(1)} s`;
  const method = load.method === 'load-data' ? 'LOAD DATA' : 'INSERT fallback';
  const samplesPart = samples === undefined ? '' : `; cpu_samples ${count(samples.rows)} rows in ${samples.seconds.toFixed(1)} s = ${rate(samples.rows, samples.seconds)} rows/s`;
  return `seed ${summary.seed}: ${count(total)} rows in ${seconds.toFixed(1)} s (${generation}, ${method} ${load.seconds.toFixed(1)} s) = ${rate(total, seconds)} rows/s${samplesPart}`;
}

function count(rows: number): string {
  return rows.toLocaleString('en-US');
}

function rate(rows: number, seconds: number): string {
  return count(Math.round(rows / Math.max(seconds, 0.001) / 1000) * 1000);
}
