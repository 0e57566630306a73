// Generated files are kept per (options, generator version) and reused across runs:
// the harness and every test run would otherwise regenerate identical bytes.
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { GENERATOR_VERSION, generateDataset } from './generate.ts';
import type { DatasetSummary, GenerateOptions } from './generate.ts';

export type CachedDataset = {
  readonly dir: string;
  readonly summary: DatasetSummary;
  readonly generated: boolean; // false: reused from an earlier run
  readonly seconds: number;
};

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
// Written last, so its presence marks a complete directory.
const SUMMARY_FILE = 'summary.json';

export function datasetDir(cacheRoot: string, options: GenerateOptions): string {
  const key = createHash('sha256')
    .update(JSON.stringify([GENERATOR_VERSION, options.seed, options.projectSizes, options.samplesPerGid]))
    .digest('hex')
    .slice(0, 12);
  return resolve(REPO_ROOT, cacheRoot, `${options.seed}-${key}`);
}

export async function cachedDataset(cacheRoot: string, options: GenerateOptions): Promise<CachedDataset> {
  const dir = datasetDir(cacheRoot, options);
  const existing = await completeSummary(dir);
  if (existing !== undefined) return { dir, summary: existing, generated: false, seconds: 0 };

  const started = performance.now();
  // Generated beside the final directory and renamed into place: a crash or a parallel
  // run never leaves a half-written directory that looks complete.
  const temp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const summary = await generateDataset(options, temp);
  await writeFile(join(temp, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true }); // an incomplete leftover; a parallel winner holds the same bytes
  try {
    await rename(temp, dir);
  } catch (error) {
    // Another process renamed its identical copy into place first: keep that one.
    await rm(temp, { recursive: true, force: true });
    if ((await completeSummary(dir)) === undefined) throw error;
  }
  return { dir, summary, generated: true, seconds: (performance.now() - started) / 1000 };
}

// A directory counts only if its summary is there and every file has the recorded size.
async function completeSummary(dir: string): Promise<DatasetSummary | undefined> {
  let summary: DatasetSummary;
  try {
    summary = JSON.parse(await readFile(join(dir, SUMMARY_FILE), 'utf8')) as DatasetSummary;
  } catch {
    return undefined;
  }
  if (summary.generatorVersion !== GENERATOR_VERSION) return undefined;
  for (const file of summary.files) {
    const size = await stat(join(dir, file.file)).then((info) => info.size, () => -1);
    if (size !== file.bytes) return undefined;
  }
  return summary;
}
