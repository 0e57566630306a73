// The one gate every written or re-rendered report passes: an invalid report is refused,
// with every problem listed, before a single file is written.
import { z } from 'zod';
import type { Report } from './schema.ts';
import { reportSchema } from './schema.ts';

export function parseReport(input: unknown): Report {
  const result = reportSchema.safeParse(input);
  if (!result.success) throw new Error(`refusing an invalid report:\n${z.prettifyError(result.error)}`);
  return result.data;
}
