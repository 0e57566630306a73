// results/reference is what the README, the workshop and CI quote: it must be a valid
// report of the current schema, fit to be a reference (full suite, clean commit, quiet
// machine: bench/report/reference.ts), and name only folders that exist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { referenceFolder, referenceProblems } from '../../bench/report/reference.ts';
import { parseReport } from '../../bench/report/validate.ts';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const folder = join(repository, referenceFolder);

describe('results/reference', () => {
  it('is a valid report, taken from a clean commit on a quiet machine with the full suite', () => {
    const report = parseReport(JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8')));
    expect(referenceProblems(report)).toEqual([]);
  });

  it('names only folders that exist in its commands', () => {
    const markdown = readFileSync(join(folder, 'report.md'), 'utf8');
    const named = [...markdown.matchAll(/make compare BASE=(\S+)|render-cli\.ts (\S+?)`/g)].map((match) => match[1] ?? match[2] ?? '');
    expect(named.length).toBeGreaterThan(0);
    for (const path of named) expect(existsSync(join(repository, path)), path).toBe(true);
  });
});
