// For servers that refuse LOAD DATA LOCAL INFILE (MySQL 8.4's default, many managed
// databases): the same TSV files, parsed back and sent as multi-row INSERTs. Slower, as
// every value goes through the SQL parser, but it loads exactly the same rows.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { columnList, dataTables } from './tables.ts';
import type { TableName } from './tables.ts';
import { parseTsvLine } from './tsv.ts';

// The protocol's limit on placeholders in one statement.
const MAX_PLACEHOLDERS = 65_535;
// Room for "INSERT INTO ... VALUES" and the packet header.
const PACKET_HEADROOM = 4096;

export async function maxPacketBytes(connection: Connection): Promise<number> {
  const [rows] = await connection.query<(RowDataPacket & { bytes: number })[]>('SELECT @@max_allowed_packet AS bytes');
  return Number(rows[0]?.bytes ?? 1 << 20);
}

// Returns the number of rows inserted.
export async function insertTableFile(connection: Connection, table: TableName, path: string, packetBytes: number): Promise<number> {
  const columns = dataTables[table].length;
  const maxRows = Math.floor(MAX_PLACEHOLDERS / columns);
  const byteBudget = packetBytes - PACKET_HEADROOM;
  const sql = `INSERT INTO \`${table}\` (${columnList(table)}) VALUES ?`;
  let batch: (string | null)[][] = [];
  let batchBytes = 0;
  let inserted = 0;

  async function send(): Promise<void> {
    // query(), not execute(): mysql2 expands the nested array into (…),(…) with every value escaped.
    const [result] = await connection.query<ResultSetHeader>(sql, [batch]);
    inserted += result.affectedRows;
    batch = [];
    batchBytes = 0;
  }

  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    // Worst case: escaping doubles every byte, plus quotes and commas around each value.
    const rowBytes = 2 * Buffer.byteLength(line) + 4 * columns + 3;
    if (batch.length > 0 && (batch.length >= maxRows || batchBytes + rowBytes > byteBudget)) await send();
    batch.push(parseTsvLine(line));
    batchBytes += rowBytes;
  }
  if (batch.length > 0) await send();
  return inserted;
}
