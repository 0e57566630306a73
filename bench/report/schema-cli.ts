// Regenerates results/report.schema.json after bench/report/schema.ts changes; a test
// fails while the committed file is out of date.
// Usage: node bench/report/schema-cli.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { schemaPath, schemaText } from './schema-file.ts';

await mkdir(dirname(schemaPath), { recursive: true });
await writeFile(schemaPath, schemaText());
console.log(`wrote ${relative(process.cwd(), schemaPath)}`);
