// Pure generation: options in, one TSV file per table out (the format LOAD DATA reads),
// plus a summary. No database. Rows are streamed to disk, never held as objects.
import { mkdir } from 'node:fs/promises';
import type { Faker } from '@faker-js/faker';
import { settingsName } from '../lib/settings-row.ts';
import { createFaker, generateProjects, REFERENCE_DATE } from './catalog.ts';
import type { ProjectSpec } from './catalog.ts';
import { cpuSeriesRows, timestampFields } from './cpu-series.ts';
import { datasetFingerprint } from './fingerprint.ts';
import { sfc32 } from './prng.ts';
import type { Random } from './prng.ts';
import { createTableWriter } from './table-writer.ts';
import type { TableFile } from './table-writer.ts';
import type { TableName } from './tables.ts';
import { tsvRow } from './tsv.ts';
import type { Field } from './tsv.ts';

// Bump whenever the same options would give different bytes (another distribution, a
// reordered faker call, a new column): cached files and seeded databases then reload.
// The faker version is pinned by package-lock.json; upgrading it may change the data too.
export const GENERATOR_VERSION = '1';

export type GenerateOptions = {
  readonly seed: number;
  readonly projectSizes: readonly number[];
  readonly samplesPerGid: number;
};

export type ProjectSummary = {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly gids: number;
  readonly gidsWithoutSettings: number;
  readonly gidsWithoutSamples: number;
};

export type DatasetSummary = GenerateOptions & {
  readonly generatorVersion: string;
  // In projectSizes order: the last one is the article's slow page.
  readonly projects: readonly ProjectSummary[];
  readonly rowCounts: Readonly<Record<TableName, number>>;
  readonly files: readonly TableFile[]; // in load order
  readonly fingerprint: string;
};

export async function generateDataset(options: GenerateOptions, outDir: string): Promise<DatasetSummary> {
  await mkdir(outDir, { recursive: true });
  const faker = createFaker(options.seed);
  const projects = generateProjects(faker, options.projectSizes);
  const random = samplesRandom(faker);
  const files = [
    await writeRows(outDir, 'projects', projectRows(projects)),
    await writeRows(outDir, 'project_groups', groupRows(projects)),
    await writeRows(outDir, 'profile_settings', settingsRows(projects)),
    await writeCpuSamples(outDir, projects, options.samplesPerGid, random),
  ];
  return {
    seed: options.seed,
    projectSizes: [...options.projectSizes],
    samplesPerGid: options.samplesPerGid,
    generatorVersion: GENERATOR_VERSION,
    projects: projects.map((project) => ({
      id: project.id,
      code: project.code,
      name: project.name,
      gids: project.groups.length,
      gidsWithoutSettings: project.groups.filter((group) => group.settings === null).length,
      gidsWithoutSamples: project.groups.filter((group) => group.cpu === null).length,
    })),
    rowCounts: Object.fromEntries(files.map((file) => [file.table, file.rows])) as Record<TableName, number>,
    files,
    fingerprint: datasetFingerprint(GENERATOR_VERSION, files),
  };
}

// Seeded from faker, after all faker-drawn data, so the seed option alone decides the samples.
function samplesRandom(faker: Faker): Random {
  const word = () => faker.number.int({ min: 0, max: 0xffff_ffff });
  return sfc32(word(), word(), word(), word());
}

async function writeRows(dir: string, table: TableName, rows: Iterable<readonly Field[]>): Promise<TableFile> {
  const writer = createTableWriter(dir, table);
  for (const row of rows) await writer.add(tsvRow(row), 1);
  return writer.close();
}

function* projectRows(projects: readonly ProjectSpec[]): Iterable<readonly Field[]> {
  for (const project of projects) yield [project.id, project.code, project.name];
}

function* groupRows(projects: readonly ProjectSpec[]): Iterable<readonly Field[]> {
  for (const project of projects) for (const group of project.groups) yield [project.id, group.gid, group.name];
}

// ids are written, not left to AUTO_INCREMENT, so every load gives the same table.
function* settingsRows(projects: readonly ProjectSpec[]): Iterable<readonly Field[]> {
  let id = 0;
  for (const project of projects) {
    for (const { gid, settings } of project.groups) {
      if (settings === null) continue;
      yield [
        ++id,
        settingsName(project.code, gid),
        settings.tagIndexes === null ? null : JSON.stringify(settings.tagIndexes),
        settings.interval,
        settings.status,
        JSON.stringify(settings.profileMachines),
        JSON.stringify(settings.threadSettings),
      ];
    }
  }
}

// Projects and gids are already in ascending order, so the file is in primary-key order.
async function writeCpuSamples(dir: string, projects: readonly ProjectSpec[], samplesPerGid: number, random: Random): Promise<TableFile> {
  const timestamps = timestampFields(Date.parse(REFERENCE_DATE), samplesPerGid);
  const writer = createTableWriter(dir, 'cpu_samples');
  for (const project of projects) {
    for (const { gid, cpu } of project.groups) {
      if (cpu === null) continue;
      await writer.add(cpuSeriesRows(`${project.id}\t${gid}\t`, cpu, random, timestamps), samplesPerGid);
    }
  }
  return writer.close();
}
