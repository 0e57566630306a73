// `node bench/tools/trace/overhead-cli.ts` runs end to end: three servers of one variant (tracing
// off twice, tracing on), rounds interleaved, and a line per arm with its interval. Only
// the command's shape is tested here: a speed claim is a quiet machine's benchmark
// result (docs/tracing.md), never a timed test.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, inject } from 'vitest';
import { sharedDatabaseEnv } from '../../../support/harness-env.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('make trace-overhead', () => {
  it('measures tracing off, off again and on, and says how busy the machine was', async () => {
    const smallest = Math.min(...inject('testConfig').projectSizes);
    const args = ['bench/tools/trace/overhead-cli.ts', '--variant', 'optimized', '--sizes', String(smallest), '--repetitions', '3'];
    const { stdout, stderr } = await run(process.execPath, args, { cwd: root, env: sharedDatabaseEnv(), maxBuffer: 16 * 2 ** 20 });
    expect(stderr).toContain('round 3/3');
    expect(stdout).toContain(`optimized, ${smallest} gids: page p50 per arm (median of 3 round medians`);
    expect(stdout).toMatch(/^ {2}tracing off +\d+(\.\d+)? ms$/m);
    for (const arm of ['tracing off \\(A/A\\)', 'tracing on']) {
      expect(stdout).toMatch(new RegExp(`^  ${arm} +\\d+(\\.\\d+)? ms +[+−]\\d+\\.\\d % vs tracing off \\(too few rounds for a 95 % interval\\)$`, 'm'));
    }
    expect(stdout).toMatch(/^load average \d+\.\d\d → \d+\.\d\d: /m);
  });
});
