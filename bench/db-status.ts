// Work counted by the database itself, independent of what the application reports.
import type { Connection, RowDataPacket } from 'mysql2/promise';

export type DatabaseCounters = { readonly selects: number; readonly connections: number; readonly rowsRead: number };

// Rows read: MariaDB counts them as Rows_read, MySQL as Innodb_rows_read; each has one.
const names = { Com_select: 'selects', Connections: 'connections', Innodb_rows_read: 'rowsRead', Rows_read: 'rowsRead' } as const;

// SHOW STATUS is counted as Com_show_status, so reading the counters does not move them.
export async function readDatabaseCounters(admin: Connection): Promise<DatabaseCounters> {
  const [rows] = await admin.query<(RowDataPacket & { Variable_name: string; Value: string })[]>(
    'SHOW GLOBAL STATUS WHERE Variable_name IN (?)',
    [Object.keys(names)],
  );
  const counters = { selects: 0, connections: 0, rowsRead: 0 };
  for (const row of rows) {
    const key = names[row.Variable_name as keyof typeof names];
    if (key !== undefined) counters[key] += Number(row.Value);
  }
  return counters;
}

export function counterDelta(before: DatabaseCounters, after: DatabaseCounters): DatabaseCounters {
  return {
    selects: after.selects - before.selects,
    connections: after.connections - before.connections,
    rowsRead: after.rowsRead - before.rowsRead,
  };
}

export async function databaseServerName(admin: Connection): Promise<string> {
  const [rows] = await admin.query<(RowDataPacket & { version: string })[]>('SELECT VERSION() AS version');
  const version = rows[0]?.version ?? 'unknown';
  const number = version.split('-')[0] ?? version;
  return /mariadb/i.test(version) ? `MariaDB ${number}` : `MySQL ${number}`;
}
