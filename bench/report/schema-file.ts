// results/report.schema.json: the JSON Schema of report.json for readers outside
// TypeScript, generated from bench/report/schema.ts and committed.
import { fileURLToPath } from 'node:url';
import { reportJsonSchema } from './schema.ts';

export const schemaPath = fileURLToPath(new URL('../../results/report.schema.json', import.meta.url));

export function schemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
