// A harness that is SIGKILLed runs no cleanup; the next run must stop what it left.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { readStates } from '../../../../bench/tools/db/local-state.ts';
import { reapLocalServers } from '../../../../bench/tools/db/reaper.ts';
import { skipWithoutLocalServer } from '../../../support/local-server.ts';

const owner = fileURLToPath(new URL('./fixtures/local-server-owner.ts', import.meta.url));

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

test('a SIGKILLed owner leaves a state file, and the reaper stops its server', async (context) => {
  await skipWithoutLocalServer(context);
  const child = spawn(process.execPath, [owner], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  while (!output.includes('\n')) await once(child.stdout, 'data');
  expect(output).toBe('ready\n');

  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;

  const [left] = (await readStates()).filter(({ state }) => state.ownerPid === child.pid);
  if (left === undefined) throw new Error('the killed owner left no state file');
  const { serverPid, dir, datadir } = left.state;
  if (serverPid === null) throw new Error('state file has no server pid');
  expect(cmdline(serverPid)).toContain(datadir); // the server outlived its owner

  const lines: string[] = [];
  await reapLocalServers((line) => lines.push(line));

  expect(lines).toContainEqual(expect.stringContaining(`left by pid ${child.pid} (killed server pid ${serverPid})`));
  expect(cmdline(serverPid)).not.toContain(datadir);
  expect(existsSync(dir)).toBe(false);
  expect((await readStates()).some(({ id }) => id === left.id)).toBe(false);
}, 60_000);
