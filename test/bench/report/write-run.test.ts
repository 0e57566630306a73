import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderRunFiles } from '../../../bench/present/render.ts';
import { partialFolder, writeRunFolder } from '../../../bench/report/write-run.ts';
import type { Report } from '../../../bench/report/schema.ts';
import { makeReport } from '../../support/report-fixture.ts';

// Lets a test make one write fail; every other write goes to the real file system.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, writeFile: vi.fn(actual.writeFile) };
});

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('writeRunFolder', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'write-run-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes report.json with everything rendered from it', async () => {
    const dir = join(root, 'runs', 'fixture-1');
    const report = makeReport();
    await writeRunFolder(dir, report);
    expect(files(dir)).toEqual([
      'charts',
      'charts/micro-benchmarks.svg',
      'charts/page-latency-by-injected-latency.svg',
      'charts/page-latency-by-size.svg',
      'charts/page-latency-by-target.svg',
      'github-benchmark-bigger.json',
      'github-benchmark-smaller.json',
      'report.json',
      'report.md',
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toEqual(report);
    for (const file of renderRunFiles(report, { folder: dir })) expect(readFileSync(join(dir, file.path), 'utf8')).toBe(file.content);
    // Its commands name the folder it was written to, which exists.
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain(`make compare BASE=${dir} NEW=`);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).not.toContain('Not computed for this run');
    expect(readdirSync(join(root, 'runs'))).toEqual(['fixture-1']);
  });

  it('refuses an invalid report before writing anything', async () => {
    const dir = join(root, 'invalid');
    const invalid = { ...makeReport(), schemaVersion: 99 } as unknown as Report;
    await expect(writeRunFolder(dir, invalid)).rejects.toThrow(/invalid report[\s\S]*schemaVersion/);
    const noSamples = makeReport();
    noSamples.measurements[0] = { ...noSamples.measurements[0], samplesMs: [] } as Report['measurements'][number];
    await expect(writeRunFolder(dir, noSamples)).rejects.toThrow(/invalid report/);
    expect(readdirSync(root)).toEqual([]);
  });

  it('leaves no run folder when a write fails midway', async () => {
    const dir = join(root, 'interrupted');
    const seen: { dir: boolean; partial: boolean }[] = [];
    const { writeFile: real } = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    let calls = 0;
    vi.mocked(writeFile).mockImplementation(async (...args: Parameters<typeof real>) => {
      calls++;
      if (calls === 4) {
        // What a process killed at this moment would leave behind.
        seen.push({ dir: existsSync(dir), partial: existsSync(partialFolder(dir)) });
        throw new Error('disk full');
      }
      return real(...args);
    });
    try {
      await expect(writeRunFolder(dir, makeReport())).rejects.toThrow('disk full');
    } finally {
      vi.mocked(writeFile).mockImplementation(real);
    }
    expect(seen).toEqual([{ dir: false, partial: true }]);
    expect(partialFolder(dir)).toMatch(/interrupted\.partial-\d+$/);
    expect(readdirSync(root)).toEqual([]);
  });

  it('never overwrites an existing run folder', async () => {
    const dir = join(root, 'taken');
    await mkdir(dir);
    await writeFile(join(dir, 'report.json'), '{}');
    await expect(writeRunFolder(dir, makeReport())).rejects.toThrow(/refusing to overwrite/);
    expect(files(dir)).toEqual(['report.json']);
  });
});
