// Every request of the hostile corpus (hostile-corpus.ts) against the baseline and the
// optimized server: only the acceptable statuses, always a JSON body with an `error`,
// never a 5xx or a stack trace; the tables byte-for-byte unchanged (CHECKSUM TABLE);
// and the server still healthy and serving the real page afterwards.
import { once } from 'node:events';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from 'mysql2/promise';
import { startServerProcess } from '../../bench/run/server-process.ts';
import type { ServerProcess } from '../../bench/run/server-process.ts';
import { openAdminConnection, seededProjects, sharedMysqlUrl, tableChecksums } from '../support/database.ts';
import { hostileCorpus } from './hostile-corpus.ts';
import type { Expect, HostileCase } from './hostile-corpus.ts';
import { root } from './harness-process.ts';

const REQUEST_TIMEOUT_MS = 60_000;
// A whole page: the baseline's takes seconds (a thread per gid), far more on a busy machine.
const PAGE_TIMEOUT_MS = 120_000;
const variants = ['baseline', 'optimized'] as const;

let admin: Connection;
let servers: ServerProcess[] = [];
let code: string;
let gid: number;

beforeAll(async () => {
  admin = await openAdminConnection();
  const smallest = (await seededProjects(admin))[0];
  if (smallest === undefined) throw new Error('no project seeded');
  code = smallest.code;
  // Default limits (MAX_GIDS_PER_REQUEST 2000): the corpus aims at the shipped configuration.
  servers = await Promise.all(variants.map((variant) => startServerProcess({ variant, mysqlUrl: sharedMysqlUrl() })));
  const page = await send(servers[1]!.url, { name: 'page', target: `/api/projects/${code}/settings`, expect: 'ignored' }, PAGE_TIMEOUT_MS);
  const first = (JSON.parse(page.body) as { groups: { gid: number }[] }).groups[0];
  if (first === undefined) throw new Error(`project ${code} has no groups`);
  gid = first.gid;
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await admin?.end();
});

type RawResponse = { readonly status: number; readonly headers: Record<string, string>; readonly body: string };

const fill = (text: string): string => text.replaceAll('{code}', code).replaceAll('{gid}', String(gid));

// One request over its own socket, bytes exactly as the case spells them.
async function send(baseUrl: string, hostile: HostileCase, timeoutMs = REQUEST_TIMEOUT_MS): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const method = hostile.method ?? 'GET';
  const body = hostile.body === undefined ? '' : fill(hostile.body);
  const headers: Record<string, string> = { Host: `${hostname}:${port}`, Connection: 'close', ...hostile.headers };
  if (body !== '' && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  const head = `${method} ${fill(hostile.target)} HTTP/1.1\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;

  const socket = net.connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    await once(socket, 'connect');
    // write, not end: Node's HTTP server aborts a request whose client half-closes.
    // `Connection: close` makes the server close once it has answered.
    socket.write(Buffer.from(head + body, 'utf8'));
    await once(socket, 'close');
  } catch (error) {
    // The server may answer and then reset a connection that is still sending (a body or
    // head over its limits): what arrived before the reset still counts. If the reset
    // beats the answer, an oversized request was still refused: nothing reached a route.
    const code = (error as { code?: string }).code;
    if (chunks.length === 0 && hostile.expect === 'oversized' && (code === 'EPIPE' || code === 'ECONNRESET')) {
      return { status: cutOff, headers: {}, body: '' };
    }
    if (chunks.length === 0) throw error;
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
  return parse(Buffer.concat(chunks).toString('utf8'), method);
}

function parse(raw: string, method: string): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  if (split === -1) throw new Error(`not an HTTP response: ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine = '', ...headerLines] = raw.slice(0, split).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = method === 'HEAD' ? '' : raw.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  return { status, headers, body };
}

function unchunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (!Number.isFinite(size) || size === 0) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

// Status of an oversized request whose connection the server cut before its 431 was read.
const cutOff = 0;
const acceptable: Record<Expect, readonly number[]> = { reject: [400, 404], oversized: [431, cutOff], ignored: [200] };
// A stack frame (`at fn (file:12:34)`), a stack property, or where the code lives on disk.
const leak = new RegExp(`\\bat .*:\\d+:\\d+|"stack"|${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

// What is wrong with one answer, or undefined when it is acceptable.
function problem(hostile: HostileCase, response: RawResponse, clean: RawResponse | undefined): string | undefined {
  if (!acceptable[hostile.expect].includes(response.status)) {
    return `status ${response.status} (want ${acceptable[hostile.expect].join('/')}): ${response.body.slice(0, 160)}`;
  }
  if (response.status === cutOff) return undefined;
  if (leak.test(response.body)) return `leaks internals: ${response.body.slice(0, 300)}`;
  if (response.headers['set-cookie'] !== undefined) return `a header was injected: set-cookie ${response.headers['set-cookie']}`;
  if ((hostile.method ?? 'GET') === 'HEAD') return response.body === '' ? undefined : 'HEAD answered with a body';
  if (!/^application\/json/.test(response.headers['content-type'] ?? '')) {
    return `content-type ${response.headers['content-type']}: ${response.body.slice(0, 160)}`;
  }
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    return `body is not JSON: ${response.body.slice(0, 160)}`;
  }
  if (hostile.expect === 'ignored') {
    return JSON.stringify(json) === JSON.stringify(JSON.parse(clean?.body ?? 'null')) ? undefined : `body differs from ${hostile.same}`;
  }
  return typeof (json as { error?: unknown }).error === 'string' ? undefined : `no "error" in ${response.body.slice(0, 160)}`;
}

describe.each(variants)('%s', (variant) => {
  test(`${hostileCorpus.length} hostile requests: 400/404 (431 when oversized), JSON, data intact, still healthy`, async () => {
    const url = servers.find((server) => server.name === variant)!.url;
    const before = await tableChecksums(admin);
    const cleanAnswers = new Map<string, RawResponse>();
    const failures: string[] = [];
    const statuses = new Map<number, number>();

    for (const hostile of hostileCorpus) {
      let clean: RawResponse | undefined;
      if (hostile.same !== undefined) {
        clean = cleanAnswers.get(hostile.same) ?? (await send(url, { name: 'clean', target: hostile.same, expect: 'ignored' }));
        cleanAnswers.set(hostile.same, clean);
      }
      try {
        const response = await send(url, hostile);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const wrong = problem(hostile, response, clean);
        if (process.env['FAULTS_VERBOSE'] !== undefined) {
          process.stderr.write(`  ${variant} ${response.status} ${hostile.name.slice(0, 70)}: ${response.body.slice(0, 90)}\n`);
        }
        if (wrong !== undefined) failures.push(`${hostile.name}: ${wrong}`);
      } catch (error) {
        failures.push(`${hostile.name}: ${(error as Error).message}`);
      }
    }
    const tally = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${count}× ${status}`).join(', ');
    process.stderr.write(`[faults] hostile input, ${variant}: ${hostileCorpus.length} requests: ${tally}\n`);

    expect(failures).toEqual([]);
    expect(await tableChecksums(admin)).toEqual(before);
    const health = await send(url, { name: 'health', target: '/health', expect: 'ignored' });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', variant, inFlight: 0 });
    const page = await send(url, { name: 'page', target: `/api/projects/${code}/settings`, expect: 'ignored' }, PAGE_TIMEOUT_MS);
    expect(page.status).toBe(200);
    expect((JSON.parse(page.body) as { groups: unknown[] }).groups.length).toBeGreaterThan(0);
  }, 240_000);
});
