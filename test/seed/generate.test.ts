import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../seed/generate.ts';
import type { DatasetSummary, GenerateOptions } from '../../seed/generate.ts';
import { parseTsvLine } from '../../seed/tsv.ts';

const small: GenerateOptions = { seed: 42, projectSizes: [30, 120, 5], samplesPerGid: 90 };
const dirs: string[] = [];

async function generate(options: GenerateOptions): Promise<{ dir: string; summary: DatasetSummary }> {
  const dir = await mkdtemp(join(tmpdir(), 'seed-generate-'));
  dirs.push(dir);
  return { dir, summary: await generateDataset(options, dir) };
}

async function rows(dir: string, file: string): Promise<(string | null)[][]> {
  const text = await readFile(join(dir, file), 'utf8');
  return text.split('\n').filter((line) => line !== '').map(parseTsvLine);
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('generateDataset', () => {
  it('gives byte-identical files and the same fingerprint for the same seed', async () => {
    const a = await generate(small);
    const b = await generate(small);
    expect(b.summary).toEqual(a.summary);
    for (const file of a.summary.files) {
      const [bytesA, bytesB] = await Promise.all([readFile(join(a.dir, file.file)), readFile(join(b.dir, file.file))]);
      expect(bytesA.equals(bytesB), file.file).toBe(true);
    }
  });

  it('gives a different fingerprint for another seed', async () => {
    const a = await generate(small);
    const b = await generate({ ...small, seed: small.seed + 1 });
    expect(b.summary.fingerprint).not.toBe(a.summary.fingerprint);
  });

  // A changed value means the same seed now gives other data (a faker upgrade, a
  // reordered faker call): if intended, bump GENERATOR_VERSION and update this value.
  it('keeps the data of a given seed stable across versions of the code', async () => {
    const { summary } = await generate(small);
    expect(summary.fingerprint).toBe('8428c5c20068ca5e94219c6b48b716ae753557321199369daf5280706cf9af8a');
  });

  it('has gids without settings and gids without samples in every project of 30 gids or more', async () => {
    for (const seed of [1, 2, 3]) {
      const { dir, summary } = await generate({ ...small, seed });
      const groups = await rows(dir, 'project_groups.tsv');
      const settingsNames = new Set((await rows(dir, 'profile_settings.tsv')).map((row) => row[1]));
      const sampled = new Set((await rows(dir, 'cpu_samples.tsv')).map((row) => `${row[0]}:${row[1]}`));
      for (const project of summary.projects.filter((p) => p.gids >= 30)) {
        const gids = groups.filter((row) => row[0] === String(project.id)).map((row) => row[1]);
        const withoutSettings = gids.filter((gid) => !settingsNames.has(`${project.code}:${gid}`));
        const withoutSamples = gids.filter((gid) => !sampled.has(`${project.id}:${gid}`));
        expect(withoutSettings.length, project.code).toBeGreaterThan(0);
        expect(withoutSamples.length, project.code).toBeGreaterThan(0);
        expect(withoutSettings.length).toBe(project.gidsWithoutSettings);
        expect(withoutSamples.length).toBe(project.gidsWithoutSamples);
      }
    }
  });

  it('writes values the schema and the domain allow', async () => {
    const { dir, summary } = await generate(small);
    const codes = summary.projects.map((project) => project.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(summary.projects.map((project) => project.gids)).toEqual(small.projectSizes);

    for (const row of await rows(dir, 'profile_settings.tsv')) {
      const [, , tagIndexes, interval, status, machines, threads] = row;
      if (tagIndexes !== null) expect(JSON.parse(tagIndexes ?? '')).toBeInstanceOf(Array);
      expect([10, 30, 60, 300]).toContain(Number(interval));
      expect(['enabled', 'paused', 'disabled']).toContain(status);
      expect(JSON.parse(machines ?? '').length).toBeGreaterThan(0);
      expect(JSON.parse(threads ?? '')).toHaveProperty('sampleRateHz');
    }

    const samples = await rows(dir, 'cpu_samples.tsv');
    const keys = samples.map(([project, gid, at]) => `${project?.padStart(5, '0')}:${gid?.padStart(10, '0')}:${at}`);
    expect(keys).toEqual([...keys].sort()); // primary-key order
    expect(samples[0]?.[2]).toBe('2026-01-01 00:00:00');
    for (const [, , , cpu] of samples) {
      expect(cpu).toMatch(/^\d{1,3}\.\d\d$/);
      expect(Number(cpu)).toBeLessThanOrEqual(100);
    }
  });
});
