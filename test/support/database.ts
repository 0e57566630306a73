import { inject } from 'vitest';
import mysql from 'mysql2/promise';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { seededProjects as projectsInDatabase } from '../../bench/run/db-projects.ts';
import { readDatabaseCounters } from '../../bench/measure/db-status.ts';

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
  return (await projectsInDatabase(admin)).map(({ code, gids }) => ({ code, gidCount: gids }));
}

export async function tableChecksums(admin: Connection): Promise<Record<string, string>> {
  const [rows] = await admin.query<(RowDataPacket & { Table: string; Checksum: string | number })[]>(
    'CHECKSUM TABLE projects, project_groups, profile_settings, cpu_samples',
  );
  return Object.fromEntries(rows.map((row) => [row.Table, String(row.Checksum)]));
}
