// A minute of 100 concurrent users on the optimized server's largest test page: every
// request answered 2xx in time, and memory flat (no leak per request): the server's RSS,
// sampled every few seconds after a warm-up, ends where it started, within 20 %.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { getHttpJson } from '../../bench/measure/http-json.ts';
import { runLoad } from '../../bench/measure/load.ts';
import { startServerProcess } from '../../bench/run/server-process.ts';
import type { ServerProcess } from '../../bench/run/server-process.ts';
import { openAdminConnection, seededProjects, sharedMysqlUrl } from '../support/database.ts';
import type { SeededProject } from '../support/database.ts';

const CONNECTIONS = 100;
const SOAK_SECONDS = 60;
const WARMUP_SECONDS = 5;
const SAMPLE_EVERY_MS = 3_000;
const RSS_TOLERANCE = 0.2;

let server: ServerProcess;
let project: SeededProject;

beforeAll(async () => {
  const admin = await openAdminConnection();
  try {
    const largest = (await seededProjects(admin)).at(-1);
    if (largest === undefined) throw new Error('no project seeded');
    project = largest;
  } finally {
    await admin.end();
  }
  server = await startServerProcess({ variant: 'optimized', mysqlUrl: sharedMysqlUrl() });
});

afterAll(async () => {
  await server?.stop();
});

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  if (!Number.isFinite(kib)) throw new Error(`no VmRSS for pid ${pid}`);
  return kib / 1024;
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

test(`optimized, ${SOAK_SECONDS} s at ${CONNECTIONS} connections: no errors, flat memory`, async () => {
  const url = `${server.url}/api/projects/${project.code}/settings`;
  const load = { url, connections: CONNECTIONS, warmupSeconds: 0, timeoutSeconds: 30 };
  // Pools open, code is optimised, the heap grows to its working size.
  const warmup = await runLoad({ ...load, durationSeconds: WARMUP_SECONDS });

  const samples: number[] = [rssMiB(server.pid)];
  let soaking = true;
  const sampler = (async () => {
    while (soaking) {
      await sleep(SAMPLE_EVERY_MS);
      if (soaking) samples.push(rssMiB(server.pid));
    }
  })();
  const result = await runLoad({ ...load, durationSeconds: SOAK_SECONDS });
  soaking = false;
  await sampler;
  samples.push(rssMiB(server.pid));

  const third = Math.floor(samples.length / 3);
  const first = mean(samples.slice(0, third));
  const last = mean(samples.slice(-third));
  // Requests autocannon gave up on at the end finish too: none is stuck.
  let health = await getHttpJson(`${server.url}/health`);
  for (let tries = 0; tries < 50 && (health.body as { inFlight?: number }).inFlight !== 0; tries++) {
    await sleep(200);
    health = await getHttpJson(`${server.url}/health`);
  }
  process.stderr.write(
    `[faults] soak: optimized, ${project.code} (${project.gidCount} gids), ${CONNECTIONS} connections, ${SOAK_SECONDS} s: ` +
      `${result.requests} requests, ${result.requestsPerSecond.toFixed(0)} req/s, ` +
      `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
      `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx} ` +
      `(warm-up ${WARMUP_SECONDS} s: ${warmup.requests} requests, ${warmup.errors + warmup.timeouts + warmup.non2xx} failed)\n` +
      `[faults] soak RSS MiB every ${SAMPLE_EVERY_MS / 1000} s: ${samples.map((mib) => mib.toFixed(0)).join(' ')}; ` +
      `first third ${first.toFixed(1)}, last third ${last.toFixed(1)} (${(((last - first) / first) * 100).toFixed(1)} %)\n`,
  );

  expect(warmup.errors + warmup.timeouts + warmup.non2xx).toBe(0);
  expect(result.requests).toBeGreaterThan(0);
  expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
  expect(samples.length).toBeGreaterThanOrEqual(15);
  expect(Math.abs(last - first) / first).toBeLessThanOrEqual(RSS_TOLERANCE);
  // Nothing left running once the load stopped, and still answering.
  expect(health.status).toBe(200);
  expect(health.body).toMatchObject({ status: 'ok', variant: 'optimized', inFlight: 0 });
  const page = await getHttpJson(url);
  expect(page.status).toBe(200);
}, 180_000);
