// A dataset's identity: sha256 over the generator version and, table by table in load
// order, the table name, row count and sha256 of its file. Any changed byte, any change
// to the generator's meaning (a version bump) or to the table order gives a new value.
// The per-file digests are taken while writing (table-writer.ts), so this costs nothing.
import { createHash } from 'node:crypto';
import type { TableFile } from './table-writer.ts';

export function datasetFingerprint(generatorVersion: string, files: readonly TableFile[]): string {
  const hash = createHash('sha256');
  hash.update(`generator ${generatorVersion}\n`);
  for (const file of files) hash.update(`${file.table} ${file.rows} ${file.sha256}\n`);
  return hash.digest('hex');
}
