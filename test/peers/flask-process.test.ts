// The target contract of peers/README.md, kept by the Flask peer: one `ready <url>` line
// on stdout, quiet otherwise; SIGTERM to its process group stops gunicorn and its worker
// well before the harness's SIGKILL; and with EXIT_WITH_STDIN=1 the end of stdin (a
// harness that died) stops them too. Spawned by hand: these are the pipes under test.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { flaskCommand } from '../../peers/flask/target.ts';
import { sharedMysqlUrl } from '../support/database.ts';
import { requireFlaskPeer, skipFlaskPeer } from '../support/flask-peer.ts';
import { getJson } from '../support/http.ts';

type Spawned = { readonly child: ChildProcessWithoutNullStreams; stdout: string; stderr: string };
const spawned: Spawned[] = [];

function start(env: Record<string, string>): Spawned {
  requireFlaskPeer();
  const command = flaskCommand('after');
  const child = spawn(command.command, [...command.args], {
    cwd: command.cwd,
    env: { ...process.env, ...command.env, ...env, MYSQL_URL: sharedMysqlUrl(), HOST: '127.0.0.1', PORT: '0' },
    stdio: 'pipe',
    detached: true,
  });
  const run: Spawned = { child, stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (run.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
  spawned.push(run);
  return run;
}

async function readyUrl(run: Spawned): Promise<string> {
  for (let waited = 0; waited < 30_000; waited += 50) {
    const url = /^ready (http:\/\/127\.0\.0\.1:\d+)\n/.exec(run.stdout)?.[1];
    if (url !== undefined) return url;
    if (run.child.exitCode !== null) throw new Error(`exited before ready: ${run.stderr}`);
    await sleep(50);
  }
  throw new Error(`no ready line within 30 s: ${run.stderr}`);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function groupGoneWithin(pid: number, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 50) {
    if (!groupAlive(pid)) return true;
    await sleep(50);
  }
  return false;
}

afterEach(() => {
  for (const { child } of spawned.splice(0)) if (child.pid !== undefined && groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
});

describe.skipIf(skipFlaskPeer)('the Flask peer keeps the target contract', () => {
  it('prints exactly one ready line, answers /health, and stops its whole group on SIGTERM, quietly', async () => {
    const run = start({});
    const url = await readyUrl(run);
    expect((await getJson(url, '/health')).body).toMatchObject({ status: 'ok', variant: 'flask-after' });
    const exited = once(run.child, 'exit');
    const started = performance.now();
    process.kill(-run.child.pid!, 'SIGTERM');
    await exited;
    // Gone before the harness would send SIGKILL (5 s), gunicorn's worker with it.
    expect(await groupGoneWithin(run.child.pid!, 5000 - (performance.now() - started))).toBe(true);
    expect(run.stdout).toBe(`ready ${url}\n`);
    expect(run.stderr).toBe('');
  });

  it('with EXIT_WITH_STDIN=1, exits with its whole group when stdin closes', async () => {
    const run = start({ EXIT_WITH_STDIN: '1' });
    await readyUrl(run);
    run.child.stdin.end();
    expect(await groupGoneWithin(run.child.pid!, 5000)).toBe(true);
  });

  it('without it, an idle stdin changes nothing', async () => {
    const run = start({});
    const url = await readyUrl(run);
    run.child.stdin.end();
    await sleep(1000);
    expect((await getJson(url, '/health')).status).toBe(200);
  });
});
