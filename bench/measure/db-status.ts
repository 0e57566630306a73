// Work counted by the database itself, independent of what the application reports:
// SHOW GLOBAL STATUS, which every MySQL and MariaDB server answers without privileges.
import type { Connection, RowDataPacket } from 'mysql2/promise';

export type DatabaseCounters = {
  // Com_select: SELECT statements.
  readonly selects: number;
  readonly connections: number;
  readonly rowsRead: number;
  // Rows the server sent to its clients; MySQL has no such status variable (null).
  readonly rowsSent: number | null;
  readonly bytesSent: number;
  // Connections open right now (a gauge: its "delta" is how many more are open).
  readonly threadsConnected: number;
  // Every Com_* counter by its kind ("select", "update", "set_option", ...): one per statement.
  readonly statements: Readonly<Record<string, number>>;
};

// Rows read: MariaDB counts them as Rows_read, MySQL as Innodb_rows_read; each has one.
const scalars = {
  Connections: 'connections', Innodb_rows_read: 'rowsRead', Rows_read: 'rowsRead', Rows_sent: 'rowsSent', Bytes_sent: 'bytesSent',
  Threads_connected: 'threadsConnected',
} as const;

type StatusRow = RowDataPacket & { Variable_name: string; Value: string };

// SHOW STATUS is itself counted (Com_show_status), never as a SELECT: Com_select and
// Connections do not move by reading them. Whatever else a reading costs is measured
// and subtracted by bench/measure/work-counters.ts.
export async function readDatabaseCounters(admin: Connection): Promise<DatabaseCounters> {
  const [rows] = await admin.query<StatusRow[]>(
    String.raw`SHOW GLOBAL STATUS WHERE Variable_name IN (?) OR Variable_name LIKE 'Com\_%'`,
    [Object.keys(scalars)],
  );
  const totals = { connections: 0, rowsRead: 0, rowsSent: null as number | null, bytesSent: 0, threadsConnected: 0 };
  const statements: Record<string, number> = {};
  for (const row of rows) {
    const value = Number(row.Value);
    if (row.Variable_name.startsWith('Com_')) {
      statements[row.Variable_name.slice('Com_'.length).toLowerCase()] = value;
      continue;
    }
    const key = scalars[row.Variable_name as keyof typeof scalars];
    if (key === 'rowsSent') totals.rowsSent = value;
    else if (key !== undefined) totals[key] += value;
  }
  return { ...totals, selects: statements['select'] ?? 0, statements };
}

export function counterDelta(before: DatabaseCounters, after: DatabaseCounters): DatabaseCounters {
  const statements: Record<string, number> = {};
  for (const [kind, value] of Object.entries(after.statements)) {
    const moved = value - (before.statements[kind] ?? 0);
    if (moved !== 0) statements[kind] = moved;
  }
  return {
    selects: after.selects - before.selects,
    connections: after.connections - before.connections,
    rowsRead: after.rowsRead - before.rowsRead,
    rowsSent: after.rowsSent === null || before.rowsSent === null ? null : after.rowsSent - before.rowsSent,
    bytesSent: after.bytesSent - before.bytesSent,
    threadsConnected: after.threadsConnected - before.threadsConnected,
    statements,
  };
}

export async function databaseServerName(admin: Connection): Promise<string> {
  const [rows] = await admin.query<(RowDataPacket & { version: string })[]>('SELECT VERSION() AS version');
  const version = rows[0]?.version ?? 'unknown';
  const number = version.split('-')[0] ?? version;
  return /mariadb/i.test(version) ? `MariaDB ${number}` : `MySQL ${number}`;
}
