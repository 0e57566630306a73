// `node bench/tools/cpu-profile/cli.ts` end to end on the shared test database: the optimized server
// runs under --cpu-prof, and what comes out is a real profile of the article's code
// plus a flame graph, with the hot spots and paths printed.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { sharedDatabaseEnv } from '../../../support/harness-env.ts';
import { parseCpuProfile } from '../../../../bench/tools/cpu-profile/cpuprofile.ts';
import { xmlProblems } from '../../present/xml.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../../', import.meta.url));
let outDir: string;


beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'profile-cli-'));
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('make profile', () => {
  it('profiles the optimized variant on the smallest project: .cpuprofile, folded stacks, SVG', async () => {
    const smallest = Math.min(...inject('testConfig').projectSizes);
    // Enough requests that the sampler (one tick per ms) lands in the settings code.
    const args = ['bench/tools/cpu-profile/cli.ts', '--variant', 'optimized', '--sizes', String(smallest),
      '--requests', '200', '--max-seconds', '30', '--out', outDir];
    const { stdout } = await run(process.execPath, args, { cwd: root, env: sharedDatabaseEnv(), maxBuffer: 16 * 2 ** 20 });

    const base = `optimized-${smallest}gids`;
    expect((await readdir(outDir)).sort()).toEqual([`${base}.cpuprofile`, `${base}.folded`, `${base}.svg`]);

    const profile = parseCpuProfile(await readFile(join(outDir, `${base}.cpuprofile`), 'utf8'));
    expect(profile.samples.length).toBeGreaterThan(0);
    const urls = new Set(profile.nodes.map((node) => node.callFrame.url));
    expect([...urls].some((url) => url.endsWith('/optimized/profile-settings.ts'))).toBe(true);

    const svg = await readFile(join(outDir, `${base}.svg`), 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('optimized: GET /api/projects/');
    expect(svg).not.toContain(root);

    expect(stdout).toMatch(/top 10 self time, main thread/);
    expect(stdout.match(/^ +\d+\.\d +\d+\.\d%  \S/gm)?.length).toBe(10);
    expect(stdout).toContain(join(outDir, `${base}.svg`));
    // The optimized page starts no worker thread, so no other profile was written.
    expect(stdout).not.toContain('worker threads wrote');
  });
});
