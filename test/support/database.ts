import { inject } from 'vitest';
import mysql from 'mysql2/promise';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { readDatabaseCounters } from '../../bench/db-status.ts';

export function sharedMysqlUrl(): string {
  return inject('mysqlUrl');
}

export function openAdminConnection(url: string = sharedMysqlUrl()): Promise<Connection> {
  return mysql.createConnection({ uri: url, decimalNumbers: true });
}

export type ServerCounters = { readonly selects: number; readonly connections: number };

// Read at the database, independently of anything the application reports about itself.
export async function serverCounters(admin: Connection): Promise<ServerCounters> {
  const { selects, connections } = await readDatabaseCounters(admin);
  return { selects, connections };
}

export type SeededProject = { readonly code: string; readonly gidCount: number };

export async function seededProjects(admin: Connection): Promise<SeededProject[]> {
  const [rows] = await admin.query<(RowDataPacket & { code: string; gid_count: number })[]>(
    `SELECT p.code, COUNT(g.gid) AS gid_count
       FROM projects p LEFT JOIN project_groups g ON g.project_id = p.id
      GROUP BY p.id, p.code ORDER BY gid_count`,
  );
  return rows.map((row) => ({ code: row.code, gidCount: Number(row.gid_count) }));
}

export async function tableChecksums(admin: Connection): Promise<Record<string, string>> {
  const [rows] = await admin.query<(RowDataPacket & { Table: string; Checksum: string | number })[]>(
    'CHECKSUM TABLE projects, project_groups, profile_settings, cpu_samples',
  );
  return Object.fromEntries(rows.map((row) => [row.Table, String(row.Checksum)]));
}
