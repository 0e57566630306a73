// Streams one table's TSV file to disk, hashing the bytes as they pass so the
// fingerprint never needs a second read of a 60 MB file.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileNameOf } from './tables.ts';
import type { TableName } from './tables.ts';

export type TableFile = {
  readonly table: TableName;
  readonly file: string; // name inside the dataset directory
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
};

export type TableWriter = {
  // Resolves once the text is buffered; waits only when the disk falls behind.
  readonly add: (text: string, rows: number) => Promise<void>;
  readonly close: () => Promise<TableFile>;
};

// Many small strings are joined into ~1 MiB writes: one Buffer, one hash update and one
// stream write per MiB instead of per row.
const FLUSH_AT_CHARS = 1 << 20;

export function createTableWriter(dir: string, table: TableName): TableWriter {
  const file = fileNameOf(table);
  const stream = createWriteStream(join(dir, file));
  const hash = createHash('sha256');
  let pending: string[] = [];
  let pendingChars = 0;
  let rows = 0;
  let bytes = 0;

  async function flush(): Promise<void> {
    const chunk = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingChars = 0;
    hash.update(chunk);
    bytes += chunk.length;
    if (!stream.write(chunk)) await once(stream, 'drain');
  }

  return {
    async add(text, count) {
      pending.push(text);
      pendingChars += text.length;
      rows += count;
      if (pendingChars >= FLUSH_AT_CHARS) await flush();
    },
    async close() {
      await flush();
      stream.end();
      await once(stream, 'finish');
      return { table, file, rows, bytes, sha256: hash.digest('hex') };
    },
  };
}
