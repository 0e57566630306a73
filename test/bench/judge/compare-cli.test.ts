// End to end: the CLI on fixture files, checking exit codes and what a reader sees.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReport as makeFixture } from '../../support/report-fixture.ts';
import type { FixtureOptions } from '../../support/report-fixture.ts';

// Ten repetitions a side: with p-values Holm-adjusted over the fixture's ~40 timed
// metrics, fewer could never reach significance (the gate's own arithmetic).
const makeReport = (options: FixtureOptions = {}): ReturnType<typeof makeFixture> => makeFixture({ repetitions: 10, ...options });

const root = fileURLToPath(new URL('../../..', import.meta.url));
let dir = '';

function write(name: string, options: FixtureOptions): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'report.json'), JSON.stringify(makeReport(options)));
  return folder;
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bench/judge/compare-cli.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'compare-cli-'));
  write('base', { seed: 1 });
  write('same', { seed: 2 });
  write('slow', { seed: 2, slowdown: { optimized: 1.3 } });
  write('other-machine', { seed: 2, cpuModel: 'Other CPU', slowdown: { baseline: 1.4, 'wave1-lazy': 1.4, optimized: 1.4 } });
  writeFileSync(join(dir, 'invalid.json'), JSON.stringify({ ...makeReport({ seed: 1 }), schemaVersion: 99 }));
  writeFileSync(join(dir, 'garbage.json'), '{ not json');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each call starts a Node process (about a second on a busy two-core machine).
describe('compare-cli', { timeout: 60_000 }, () => {
  it('exits 0 when nothing regressed, marking noise as unchanged', () => {
    const { status, stdout } = cli(join(dir, 'base'), join(dir, 'same', 'report.json'));
    expect(status).toBe(0);
    expect(stdout).toMatch(/page-load p50 · optimized · 30 gids · \+0 ms .* ~ .* unchanged/);
    expect(stdout).toMatch(/^\d+ metrics compared: /m);
    expect(stdout).toContain('gate: PASS');
  });

  it('exits 1 on a regression and names it', () => {
    const { status, stdout } = cli(join(dir, 'base'), join(dir, 'slow'));
    expect(status).toBe(1);
    expect(stdout).toContain('gate: FAIL');
    expect(stdout).toMatch(/- page-load p50 · optimized · 30 gids · \+0 ms: slower \+/);
  });

  it('exits 2 on bad usage or input, with one line on stderr', () => {
    for (const args of [
      [join(dir, 'base')],
      [join(dir, 'base'), join(dir, 'same'), '--alpha', '2'],
      [join(dir, 'base'), join(dir, 'same'), '--latency', 'sideways'],
      [join(dir, 'base'), join(dir, 'same'), '--nope'],
      [join(dir, 'base'), join(dir, 'missing')],
      [join(dir, 'base'), join(dir, 'garbage.json')],
    ]) {
      const { status, stderr } = cli(...args);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
    const invalid = cli(join(dir, 'base'), join(dir, 'invalid.json'));
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/^error: NEW .*invalid\.json is not a valid report: schemaVersion: /);
  });

  it('exits 3 when the environments differ, and compares with --allow-env-mismatch', () => {
    const refused = cli(join(dir, 'base'), join(dir, 'other-machine'));
    expect(refused.status).toBe(3);
    expect(refused.stdout).toContain('cpu.model: "Fixture CPU @ 2.0GHz" → "Other CPU"');
    const allowed = cli(join(dir, 'base'), join(dir, 'other-machine'), '--allow-env-mismatch', '--latency', 'ratio');
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('ENVIRONMENT MISMATCH');
  });

  it('writes JSON and Markdown', () => {
    const json = cli(join(dir, 'base'), join(dir, 'slow'), '--format', 'json');
    expect(json.status).toBe(1);
    const parsed = JSON.parse(json.stdout) as { comparison: { kind: string }; gate: { pass: boolean } };
    expect(parsed).toMatchObject({ comparison: { kind: 'compared' }, gate: { pass: false } });
    const markdown = cli(join(dir, 'base'), join(dir, 'slow'), '--format', 'markdown');
    expect(markdown.stdout).toContain('| metric | base | new | change | 95% CI | p | verdict |');
  });

  it('documents defaults and exit codes in --help', () => {
    const { status, stdout } = cli('--help');
    expect(status).toBe(0);
    expect(stdout).toContain('(default: 0.05)');
    expect(stdout).toContain('(default: absolute)');
    expect(stdout).toMatch(/Exit codes:\n {2}0 {2}gate passed\n {2}1 .*\n {2}2 .*\n {2}3 /);
  });
});
