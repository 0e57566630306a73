// A database that goes away mid-life: each variant answers 503 with a JSON body (never
// a stack trace), and a server started without a database says so in one line.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDatabase } from '../../bench/tools/db/index.ts';
import type { Database } from '../../bench/tools/db/types.ts';
import { startServerProcess } from '../../bench/run/server-process.ts';
import type { ServerProcess } from '../../bench/run/server-process.ts';
import { parseConfig } from '../../lib/config.ts';
import { getJson } from '../support/http.ts';
import { startPrivateDatabase } from '../support/private-database.ts';

const run = promisify(execFile);
let database: Database;
let servers: ServerProcess[] = [];

beforeAll(async () => {
  // Its own throwaway server: the shared one must keep running for the other tests.
  database = await startPrivateDatabase();
  servers = await Promise.all(
    ['baseline', 'thread-pool', 'optimized'].map((variant) => startServerProcess({ variant, mysqlUrl: database.url })),
  );
  await database.stop();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await database?.stop();
});

describe('database stopped', () => {
  it.each(['baseline', 'thread-pool', 'optimized'])('%s answers 503 JSON on both routes', async (variant) => {
    const url = servers.find((server) => server.name === variant)!.url;
    for (const path of ['/api/projects/any-project/settings', '/api/projects/any-project/max-cpus?gids=1,2']) {
      const response = await getJson(url, path);
      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        error: 'database_unavailable',
        message: 'the database cannot be reached; retry later',
      });
    }
  });

  it('a server started against it exits 1 with one line, no stack, no password', async () => {
    const serve = fileURLToPath(new URL('../../lib/serve.ts', import.meta.url));
    const failure = await run(process.execPath, [serve, '--variant', 'optimized'], {
      env: { ...process.env, MYSQL_URL: database.url },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    const stderr = (failure as { stderr: string }).stderr.trim();
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: cannot reach the database/);
    const password = new URL(database.url).password;
    if (password !== '') expect(stderr).not.toContain(password);
  });

  it('the harness pointed at it fails with one clear line', async () => {
    const result = parseConfig([], { ...process.env, DB_PROVIDER: 'url', MYSQL_URL: database.url });
    if (result.kind !== 'config') throw new Error('bad test config');
    const error = await startDatabase(result.config, () => undefined).then(
      () => new Error('expected a failure'),
      (failure: Error) => failure,
    );
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message).toMatch(/MYSQL_URL|database/i);
    const password = new URL(database.url).password;
    if (password !== '') expect(error.message).not.toContain(password);
  });
});
