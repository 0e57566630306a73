// Writes a run folder all at once or not at all: files go into `<dir>.partial-<pid>`,
// which is renamed to `dir` only when complete. A folder named like a run therefore always
// holds report.json and everything rendered from it; an interrupted run leaves at most a
// folder whose name says it is partial.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Report } from './schema.ts';
import type { MarkdownExtras } from '../present/markdown.ts';
import { renderRunFiles, reportJson } from '../present/render.ts';
import { parseReport } from './validate.ts';

export function partialFolder(dir: string): string {
  return `${dir}.partial-${process.pid}`;
}

export async function writeRunFolder(dir: string, report: Report, extras: MarkdownExtras = {}): Promise<void> {
  // Validate and render before touching the disk: most failures happen before any write.
  const valid = parseReport(report);
  const files = [...renderRunFiles(valid, { folder: dir, ...extras }), { path: 'report.json', content: reportJson(valid) }];
  if (existsSync(dir)) throw new Error(`refusing to overwrite ${dir}: a run folder is written once`);

  const partial = partialFolder(dir);
  await rm(partial, { recursive: true, force: true });
  try {
    for (const file of files) {
      const path = join(partial, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content);
    }
    await rename(partial, dir);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
