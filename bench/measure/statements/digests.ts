// The server's own record of every statement it ran, grouped by digest (its
// fingerprint): performance_schema.events_statements_summary_by_digest, on MySQL and
// MariaDB alike. Its counts are cumulative, so the statements of one request are the
// difference of two readings. performance_schema is OFF by default on MariaDB and may be
// on a server the harness did not start; availability says why it cannot be used.
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { fingerprint } from './fingerprint.ts';

export type DigestTotals = { readonly text: string; readonly count: number; readonly rowsSent: number; readonly rowsExamined: number };

// Keyed by schema and digest: the same text in another schema is another statement.
export type DigestReading = ReadonlyMap<string, DigestTotals>;

export type DigestAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

type DigestRow = RowDataPacket & {
  schema_name: string | null;
  digest: string | null;
  digest_text: string | null;
  count_star: number | string;
  rows_sent: number | string;
  rows_examined: number | string;
};

const digestQuery = `SELECT SCHEMA_NAME AS schema_name, DIGEST AS digest, DIGEST_TEXT AS digest_text,
  COUNT_STAR AS count_star, SUM_ROWS_SENT AS rows_sent, SUM_ROWS_EXAMINED AS rows_examined
  FROM performance_schema.events_statements_summary_by_digest`;

export async function digestAvailability(connection: Connection): Promise<DigestAvailability> {
  const [[settings]] = await connection.query<(RowDataPacket & { enabled: number | string })[]>(
    'SELECT @@performance_schema AS enabled',
  );
  if (Number(settings?.enabled) !== 1) {
    return { available: false, reason: 'performance_schema is OFF on this server (start it with --performance-schema=ON)' };
  }
  try {
    const [consumers] = await connection.query<(RowDataPacket & { enabled: string })[]>(
      "SELECT ENABLED AS enabled FROM performance_schema.setup_consumers WHERE NAME = 'statements_digest'",
    );
    if (consumers[0]?.enabled !== 'YES') {
      return { available: false, reason: "performance_schema's statements_digest consumer is disabled (UPDATE performance_schema.setup_consumers)" };
    }
    await connection.query(`${digestQuery} LIMIT 1`);
    return { available: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { available: false, reason: `performance_schema cannot be read by this account (${message.split('\n')[0]}): GRANT SELECT ON performance_schema.* to it` };
  }
}

export async function readDigests(connection: Connection): Promise<DigestReading> {
  const [rows] = await connection.query<DigestRow[]>(digestQuery);
  const reading = new Map<string, DigestTotals>();
  for (const row of rows) {
    // The row without a digest collects statements once the table is full.
    const text = row.digest_text === null ? '(statements beyond performance_schema_digests_size)' : fingerprint(row.digest_text);
    reading.set(`${row.schema_name ?? ''} ${row.digest ?? ''}`, {
      text,
      count: Number(row.count_star),
      rowsSent: Number(row.rows_sent),
      rowsExamined: Number(row.rows_examined),
    });
  }
  return reading;
}

// What ran between two readings, by fingerprint; digests whose count did not move are left out.
export function digestDelta(before: DigestReading, after: DigestReading): Map<string, DigestTotals> {
  const delta = new Map<string, DigestTotals>();
  for (const [key, totals] of after) {
    const earlier = before.get(key);
    const count = totals.count - (earlier?.count ?? 0);
    if (count === 0) continue;
    const previous = delta.get(totals.text);
    delta.set(totals.text, {
      text: totals.text,
      count: count + (previous?.count ?? 0),
      rowsSent: totals.rowsSent - (earlier?.rowsSent ?? 0) + (previous?.rowsSent ?? 0),
      rowsExamined: totals.rowsExamined - (earlier?.rowsExamined ?? 0) + (previous?.rowsExamined ?? 0),
    });
  }
  return delta;
}
