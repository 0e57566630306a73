// Loads a generated dataset into a database: schema, empty tables, bulk load, seed_info.
// Re-runnable: every run truncates and reloads, so seeding twice gives the same tables.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import mysql from 'mysql2/promise';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { connectionOptions } from '../lib/db.ts';
import type { DatasetSummary } from './generate.ts';
import { insertTableFile, maxPacketBytes } from './insert-fallback.ts';
import { applySchema } from './schema.ts';
import type { TableFile } from './table-writer.ts';
import { columnList, tableNames } from './tables.ts';
import type { TableName } from './tables.ts';

export type LoadMethod = 'load-data' | 'insert';

export type LoadOptions = {
  // 'auto' uses LOAD DATA LOCAL INFILE and falls back to INSERT if the server refuses it.
  readonly method?: 'auto' | 'insert';
  readonly log?: (line: string) => void;
};

export type TableLoad = { readonly table: TableName; readonly rows: number; readonly seconds: number };

export type LoadResult = {
  readonly method: LoadMethod;
  readonly seconds: number;
  readonly tables: readonly TableLoad[];
};

// Server error numbers that mean "LOCAL INFILE is switched off": 1148 (older servers),
// 3948 (MySQL 8), 4166 (MariaDB 10.6+, which mysql2 has no error code name for).
const LOCAL_INFILE_REFUSED = new Set([1148, 3948, 4166]);

export function openLoadConnection(url: string): Promise<Connection> {
  // LOCAL_FILES is on by default in mysql2; stated here because the load depends on it.
  return mysql.createConnection({ ...connectionOptions(url), flags: ['+LOCAL_FILES'] });
}

export async function loadDataset(
  target: string | Connection,
  dir: string,
  summary: DatasetSummary,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const connection = typeof target === 'string' ? await openLoadConnection(target) : target;
  try {
    return await loadInto(connection, dir, summary, options);
  } finally {
    if (typeof target === 'string') await connection.end();
  }
}

async function loadInto(connection: Connection, dir: string, summary: DatasetSummary, options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  await applySchema(connection);
  const [saved] = await connection.query<(RowDataPacket & { uc: number; fkc: number })[]>(
    'SELECT @@SESSION.unique_checks AS uc, @@SESSION.foreign_key_checks AS fkc',
  );
  // Safe because the files are unique by construction and the tables empty; spares the
  // server the lookups in profile_settings' unique index (MySQL's advice for bulk loads).
  await connection.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
  try {
    // seed_info first: a load that dies half-way must not leave a fingerprint claiming complete tables.
    await connection.query('TRUNCATE TABLE seed_info');
    for (const table of tableNames) await connection.query(`TRUNCATE TABLE \`${table}\``);

    let method: LoadMethod = options.method === 'insert' ? 'insert' : 'load-data';
    const tables: TableLoad[] = [];
    for (const file of summary.files) {
      const tableStarted = performance.now();
      let rows: number | undefined;
      if (method === 'load-data') {
        try {
          rows = await loadDataLocal(connection, dir, file);
        } catch (error) {
          if (!LOCAL_INFILE_REFUSED.has((error as { errno?: number }).errno ?? 0)) throw error;
          method = 'insert';
          log(`seed: the server refuses LOAD DATA LOCAL INFILE (local_infile is off), loading with multi-row INSERTs instead (slower)`);
        }
      }
      rows ??= await insertTableFile(connection, file.table, join(dir, file.file), await maxPacketBytes(connection));
      if (rows !== file.rows) throw new Error(`seed: ${file.table} received ${rows} rows, the file has ${file.rows}`);
      tables.push({ table: file.table, rows, seconds: (performance.now() - tableStarted) / 1000 });
    }

    await connection.query(
      'INSERT INTO seed_info (id, seed, fingerprint, row_counts, loaded_at) VALUES (1, ?, ?, ?, UTC_TIMESTAMP())',
      [summary.seed, summary.fingerprint, JSON.stringify(summary.rowCounts)],
    );
    return { method, seconds: (performance.now() - started) / 1000, tables };
  } finally {
    // A broken connection has nothing left to restore; the original error matters more.
    await connection
      .query('SET SESSION unique_checks = ?, foreign_key_checks = ?', [saved[0]?.uc ?? 1, saved[0]?.fkc ?? 1])
      .catch(() => undefined);
  }
}

async function loadDataLocal(connection: Connection, dir: string, file: TableFile): Promise<number> {
  const path = join(dir, file.file);
  const [result] = await connection.query<ResultSetHeader>({
    sql: `LOAD DATA LOCAL INFILE ? INTO TABLE \`${file.table}\` CHARACTER SET utf8mb4
            FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'
            (${columnList(file.table)})`,
    values: [path],
    // The server names the file it wants sent; a hostile server could name any file
    // on this machine, so only the file of this very statement is ever opened.
    // 1 MiB reads instead of the default 64 KiB: measured 4.0 s instead of 6.2 s for 1.9M rows.
    infileStreamFactory: (requested) =>
      requested === path ? createReadStream(path, { highWaterMark: 1 << 20 }) : refusedFile(requested),
  });
  // With LOCAL, bad values and duplicate keys are only warnings: a silent partial load.
  if (result.warningStatus > 0) {
    const [warnings] = await connection.query<RowDataPacket[]>('SHOW WARNINGS LIMIT 3');
    throw new Error(`seed: loading ${file.table} raised ${result.warningStatus} warnings, e.g. ${JSON.stringify(warnings)}`);
  }
  return result.affectedRows;
}

function refusedFile(path: string): Readable {
  return new Readable({
    read() {
      this.destroy(new Error(`seed: the server asked for ${path}, which this load did not offer`));
    },
  });
}
