// peers/flask/thread_cost.py, which the micro-benchmark calls to set a Python thread beside
// a Node Worker: one JSON line, one sample per batch, per-thread figures that add up.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { flaskCommand } from '../../peers/flask/target.ts';
import { sharedMysqlUrl } from '../support/database.ts';
import { requireFlaskPeer, skipFlaskPeer } from '../support/flask-peer.ts';

const run = promisify(execFile);
type ThreadCost = { runtime: string; kind: string; threads: number; samplesMs: number[]; perThreadMs: number[] };

async function threadCost(args: readonly string[], env: Record<string, string> = {}): Promise<ThreadCost> {
  requireFlaskPeer();
  const { command, cwd } = flaskCommand('after');
  const { stdout } = await run(command, ['thread_cost.py', ...args], { cwd, env: { ...process.env, ...env } });
  expect(stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stdout) as ThreadCost;
}

describe.skipIf(skipFlaskPeer)('thread_cost.py', () => {
  it('bare threads: the asked number of samples, per thread = batch / threads', async () => {
    const cost = await threadCost(['--kind', 'bare', '--threads', '4', '--samples', '5']);
    expect(cost).toMatchObject({ kind: 'bare', threads: 4 });
    expect(cost.runtime).toMatch(/^CPython 3\.\d+/);
    expect(cost.samplesMs).toHaveLength(5);
    cost.samplesMs.forEach((sample, index) => {
      expect(sample).toBeGreaterThan(0);
      expect(cost.perThreadMs[index]).toBeCloseTo(sample / 4, 9);
    });
  });

  it('connect-and-query threads reach the database, or fail in one line without it', async () => {
    const cost = await threadCost(['--kind', 'connect-and-query', '--samples', '3'], { MYSQL_URL: sharedMysqlUrl() });
    expect(cost.samplesMs).toHaveLength(3);
    const failure = await threadCost(['--kind', 'connect-and-query'], { MYSQL_URL: 'mysql://nobody:secret@127.0.0.1:1/none' }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: cannot reach the database at MYSQL_URL: 2003/)]);
    expect(failure?.stderr).not.toContain('secret');
  });
});
