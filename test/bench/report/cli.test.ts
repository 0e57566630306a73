import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaPath, schemaText } from '../../../bench/report/schema-file.ts';
import { writeRunFolder } from '../../../bench/report/write-run.ts';
import { makeReport } from '../../support/report-fixture.ts';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'render-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('results/report.schema.json', () => {
  it('is up to date with bench/report/schema.ts (else run: node bench/report/schema-cli.ts)', () => {
    expect(readFileSync(schemaPath, 'utf8')).toBe(schemaText());
  });
});

describe('render-cli', { timeout: 60_000 }, () => {
  it('re-renders a run folder from its report.json, byte for byte', async () => {
    const dir = join(scratch, 'run');
    await writeRunFolder(dir, makeReport());
    const original = readFileSync(join(dir, 'report.md'), 'utf8');
    const chart = readFileSync(join(dir, 'charts/page-latency-by-size.svg'), 'utf8');
    writeFileSync(join(dir, 'report.md'), 'edited by hand');
    rmSync(join(dir, 'charts/page-latency-by-size.svg'));

    execFileSync(process.execPath, ['bench/present/render-cli.ts', dir], { cwd: repo, stdio: 'pipe' });
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe(original);
    expect(readFileSync(join(dir, 'charts/page-latency-by-size.svg'), 'utf8')).toBe(chart);
  });

  it('refuses a folder whose report.json is invalid', () => {
    const dir = join(scratch, 'invalid');
    mkdirSync(dir);
    writeFileSync(join(dir, 'report.json'), JSON.stringify({ ...makeReport(), tool: 'something else' }));
    const result = spawnSync(process.execPath, ['bench/present/render-cli.ts', dir], { cwd: repo, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/^cannot render .*: refusing an invalid report/);
  });
});

describe('reference-cli', { timeout: 60_000 }, () => {
  it('refuses a run that is not fit to be the reference, with every reason, and touches nothing', async () => {
    const dir = join(scratch, 'busy-run');
    const report = makeReport({ machine: { loadBefore: 12, outsideCpuSeconds: 10 } });
    await writeRunFolder(dir, report);
    const before = readFileSync(join(repo, 'results/reference/report.json'), 'utf8');
    const result = spawnSync(process.execPath, ['bench/report/reference-cli.ts', dir], { cwd: repo, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`refusing ${dir} as results/reference:`);
    expect(result.stderr).toContain('- it ran the fixture suite, not full');
    expect(result.stderr).toContain('- the machine was busy: the load average was 12.0 when the run began');
    expect(readFileSync(join(repo, 'results/reference/report.json'), 'utf8')).toBe(before);
  });
});
