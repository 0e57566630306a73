import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/config.ts';
import { connectionOptions } from '../../lib/db.ts';
import type { Config } from '../../lib/config.ts';
import { generateDataset } from '../../seed/generate.ts';
import type { DatasetSummary } from '../../seed/generate.ts';
import { loadDataset } from '../../seed/load.ts';
import { seedDatabase } from '../../seed/seed.ts';
import { tableNames } from '../../seed/tables.ts';
import { startPrivateDatabase } from '../support/private-database.ts';
import type { PrivateDatabase } from '../support/private-database.ts';

// These tests truncate and reload, so they get a server of their own: the other test
// files read the shared one.
let server: PrivateDatabase | undefined;
let url = '';
let workDir = '';
let dir = '';
let summary: DatasetSummary;

beforeAll(async () => {
  server = await startPrivateDatabase();
  url = server.url;
  workDir = await mkdtemp(join(tmpdir(), 'seed-load-'));
  dir = join(workDir, 'dataset');
  summary = await generateDataset({ seed: 42, projectSizes: [30, 75], samplesPerGid: 120 }, dir);
});

afterAll(async () => {
  await server?.stop();
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
});

async function query<Row extends RowDataPacket>(sql: string, as: string = url): Promise<Row[]> {
  // The application's connection options: JSON columns arrive as text on every server.
  const connection = await mysql.createConnection(connectionOptions(as));
  try {
    const [rows] = await connection.query<Row[]>(sql);
    return rows;
  } finally {
    await connection.end();
  }
}

async function tableState(): Promise<Record<string, { rows: number; checksum: string }>> {
  const state: Record<string, { rows: number; checksum: string }> = {};
  for (const table of tableNames) {
    const [count] = await query<RowDataPacket & { n: number }>(`SELECT COUNT(*) AS n FROM \`${table}\``);
    const [sum] = await query<RowDataPacket & { Checksum: string }>(`CHECKSUM TABLE \`${table}\``);
    state[table] = { rows: Number(count?.n), checksum: String(sum?.Checksum) };
  }
  return state;
}

function seedConfig(seed: number, forceSeed: boolean): Config {
  const result = parseConfig(
    ['--seed', String(seed), '--project-sizes', '30,40', '--samples-per-gid', '60', '--seed-cache-dir', join(workDir, 'cache')],
    { FORCE_SEED: String(forceSeed) },
  );
  if (result.kind !== 'config') throw new Error(`test config: ${result.kind}`);
  return result.config;
}

describe('loadDataset', () => {
  it('loads every row with LOAD DATA, and loading again gives the same tables, not duplicates', async () => {
    const first = await loadDataset(url, dir, summary);
    const afterFirst = await tableState();
    const second = await loadDataset(url, dir, summary);
    const afterSecond = await tableState();

    expect(first.method).toBe('load-data');
    expect(second.method).toBe('load-data');
    for (const table of tableNames) expect(afterFirst[table]?.rows, table).toBe(summary.rowCounts[table]);
    expect(afterSecond).toEqual(afterFirst);
    const [names] = await query<RowDataPacket & { n: number; distinctNames: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT name) AS distinctNames FROM profile_settings',
    );
    expect(Number(names?.distinctNames)).toBe(Number(names?.n));
  });

  it('records the load in seed_info', async () => {
    await loadDataset(url, dir, summary);
    const [info] = await query<RowDataPacket & { seed: number; fingerprint: string; row_counts: string }>(
      'SELECT seed, fingerprint, row_counts FROM seed_info',
    );
    expect(info).toMatchObject({ seed: 42, fingerprint: summary.fingerprint });
    expect(JSON.parse(String(info?.row_counts))).toEqual(summary.rowCounts);
  });

  it('leaves gids without settings and gids without samples in every project', async () => {
    await loadDataset(url, dir, summary);
    const perProject = await query<RowDataPacket & { code: string; noSettings: number; noSamples: number }>(`
      SELECT p.code,
             SUM(s.id IS NULL) AS noSettings,
             SUM(NOT EXISTS (SELECT 1 FROM cpu_samples c WHERE c.project_id = g.project_id AND c.gid = g.gid)) AS noSamples
        FROM projects p
        JOIN project_groups g ON g.project_id = p.id
        LEFT JOIN profile_settings s ON s.name = CONCAT(p.code, ':', g.gid)
       GROUP BY p.code`);
    expect(perProject).toHaveLength(summary.projects.length);
    for (const project of perProject) {
      expect(Number(project.noSettings), project.code).toBeGreaterThan(0);
      expect(Number(project.noSamples), project.code).toBeGreaterThan(0);
    }
  });

  it('stores JSON with backslashes exactly as generated', async () => {
    await loadDataset(url, dir, summary);
    const rows = await query<RowDataPacket & { thread_settings: string }>('SELECT thread_settings FROM profile_settings');
    const filters = rows.map((row) => (JSON.parse(String(row.thread_settings)) as { threadNameFilter: string | null }).threadNameFilter);
    expect(filters).toContain('^http-nio-\\d+-exec-\\d+$');
  });

  it('gives the same tables through the INSERT fallback as through LOAD DATA', async () => {
    await loadDataset(url, dir, summary);
    const viaLoadData = await tableState();
    const result = await loadDataset(url, dir, summary, { method: 'insert' });
    expect(result.method).toBe('insert');
    expect(await tableState()).toEqual(viaLoadData);
  });

  it('falls back to INSERT by itself, saying so once, when the server refuses LOCAL INFILE', async () => {
    await loadDataset(url, dir, summary);
    const viaLoadData = await tableState();
    await query('SET GLOBAL local_infile = 0', server?.adminUrl);
    try {
      const lines: string[] = [];
      const result = await loadDataset(url, dir, summary, { log: (line) => lines.push(line) });
      expect(result.method).toBe('insert');
      expect(lines).toEqual([expect.stringMatching(/refuses LOAD DATA LOCAL INFILE/)]);
      expect(await tableState()).toEqual(viaLoadData);
    } finally {
      await query('SET GLOBAL local_infile = 1', server?.adminUrl);
    }
  });
});

describe('seedDatabase', () => {
  it('skips the load when the database already holds the same seed, and reloads when forced', async () => {
    const lines: string[] = [];
    const log = (line: string): void => void lines.push(line);

    const first = await seedDatabase(url, seedConfig(7, false), log);
    expect(first.load).not.toBeNull();
    expect(lines.at(-1)).toMatch(/^seed 7: [\d,]+ rows in .* rows\/s; cpu_samples [\d,]+ rows in .* rows\/s$/);

    const second = await seedDatabase(url, seedConfig(7, false), log);
    expect(second.load).toBeNull();
    expect(second.generated).toBe(false);
    expect(second.summary.fingerprint).toBe(first.summary.fingerprint);
    expect(lines.at(-1)).toMatch(/load skipped/);

    const forced = await seedDatabase(url, seedConfig(7, true), log);
    expect(forced.load).not.toBeNull();

    const other = await seedDatabase(url, seedConfig(8, false), log);
    expect(other.load).not.toBeNull();
    expect(other.summary.fingerprint).not.toBe(first.summary.fingerprint);
  });
});
