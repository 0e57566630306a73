// Creates the tables from lib/schema.sql, the one schema every variant shares.
import { readFile } from 'node:fs/promises';
import type { Connection } from 'mysql2/promise';
import { splitSqlStatements } from './sql-statements.ts';

const SCHEMA_FILE = new URL('../lib/schema.sql', import.meta.url);

// Idempotent: the schema only uses CREATE TABLE IF NOT EXISTS.
export async function applySchema(connection: Connection): Promise<void> {
  const script = await readFile(SCHEMA_FILE, 'utf8');
  for (const statement of splitSqlStatements(script)) await connection.query(statement);
}
