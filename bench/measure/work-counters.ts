// Work per request, counted where it happens. At the database: every statement by
// kind (Com_* status counters) and by fingerprint (performance_schema digests, where
// the server has them), new connections, rows read, rows and bytes sent to the client.
// From the server under test: threads started (its Server-Timing header) and peak
// memory of its processes. All but rows read and memory are deterministic: CI gates on them.
//
// The database's counters are server-wide and reading them costs statements, rows and
// bytes of its own. That cost is measured by two readings with nothing between them
// and subtracted; bytes are exact from the counting connection's own socket. A visit
// starts only when the database is quiet (quiet() below).
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readdir, readFile } from 'node:fs/promises';
import mysql from 'mysql2/promise';
import { parseServerTiming } from '../../lib/request-stats.ts';
import { counterDelta, readDatabaseCounters } from './db-status.ts';
import type { DatabaseCounters } from './db-status.ts';
import { getHttpText } from './http-json.ts';
import type { HttpText } from './http-json.ts';
import { digestAvailability, digestDelta, readDigests } from './statements/digests.ts';
import type { DigestAvailability, DigestReading, DigestTotals } from './statements/digests.ts';

export type StatementCount = { readonly fingerprint: string; readonly count: number; readonly rowsSent: number; readonly rowsExamined: number };

export type WorkPerRequest = {
  readonly statements: number;
  readonly statementsByKind: Readonly<Record<string, number>>;
  // null when the server keeps no statement digests (see WorkCounter.digests).
  readonly fingerprints: readonly StatementCount[] | null;
  readonly newConnections: number;
  readonly rowsRead: number;
  readonly rowsSent: number | null;
  readonly bytesSent: number;
  // What the server under test says of itself; null when it says nothing.
  readonly workers: number | null;
  readonly reportedQueries: number | null;
  readonly peakRssMiB: number | null;
};

export type CountedVisit = {
  readonly responses: readonly (HttpText & { readonly ms: number })[];
  // Averaged over the requests: per request.
  readonly work: WorkPerRequest;
  // Where two independent counts of the same thing disagree (empty when all agree).
  readonly disagreements: readonly string[];
};

// What the database did while some work ran, its readings' own cost subtracted.
export type DatabaseWork = {
  readonly counters: DatabaseCounters;
  // By fingerprint; null when the server keeps no statement digests.
  readonly digests: ReadonlyMap<string, DigestTotals> | null;
};

export type WorkCounter = {
  readonly digests: DigestAvailability;
  // Nothing else may talk to the database meanwhile: the counters are server-wide. The
  // server's pool must be warm already, so only the requests' own connections count.
  countRequests(urls: readonly string[], serverPid: number | undefined): Promise<CountedVisit>;
  countWork<T>(work: () => Promise<T>): Promise<{ readonly result: T; readonly database: DatabaseWork }>;
  close(): Promise<void>;
};

const POLL_MS = 20;
// After the work: how long its last counts may take to show (a server files a statement
// under its digest, and counts the bytes it wrote, only after the client has them).
const SETTLE_TIMEOUT_MS = 5_000;
// Before the work: connections of the last visit still closing are waited for up to this
// long; a level that stays higher for QUIET_STABLE_MS is the new idle level (a pool grew).
const QUIET_TIMEOUT_MS = 30_000;
const QUIET_STABLE_MS = 1_000;

type Reading = { readonly socketBytes: number; readonly counters: DatabaseCounters; readonly digests: DigestReading | null };

// What the counter knows about itself, from two readings with nothing between them.
type Self = {
  // Statements one reading costs, by kind.
  readonly cost: Readonly<Record<string, number>>;
  // The fingerprints of its own statements, left out of every count.
  readonly statements: ReadonlySet<string>;
};

export async function openWorkCounter(databaseUrl: string): Promise<WorkCounter> {
  const { hostname, port } = new URL(databaseUrl);
  // Our own socket, so the bytes the counting connection itself receives are known.
  const socket = net.connect(Number(port || 3306), hostname);
  const connection = await mysql.createConnection({ uri: databaseUrl, stream: socket });
  const digests = await digestAvailability(connection);
  const read = async (): Promise<Reading> => ({
    socketBytes: socket.bytesRead,
    counters: await readDatabaseCounters(connection),
    digests: digests.available ? await readDigests(connection) : null,
  });
  const first = await read();
  const second = await read();
  const self: Self = {
    cost: counterDelta(first.counters, second.counters).statements,
    statements: new Set(first.digests === null || second.digests === null ? [] : digestDelta(first.digests, second.digests).keys()),
  };
  const idleLevel = { threads: second.counters.threadsConnected };
  const countWork = async <T>(work: () => Promise<T>): Promise<{ result: T; database: DatabaseWork }> => {
    const { idle, before } = await quiet(read, self, idleLevel);
    const result = await work();
    return { result, database: await settle(read, self, idle, before) };
  };
  return {
    digests,
    countRequests: (urls, serverPid) => countRequests(countWork, urls, serverPid),
    countWork,
    close: () => connection.end(),
  };
}

// Between two consecutive readings nothing happened but the first one's own statements
// and bytes: no statement, connection or byte of anyone else.
function calm(from: Reading, to: Reading, self: Self): boolean {
  const moved = counterDelta(from.counters, to.counters);
  const kinds = new Set([...Object.keys(moved.statements), ...Object.keys(self.cost)]);
  return [...kinds].every((kind) => moved.statements[kind] === self.cost[kind])
    && moved.connections === 0 && moved.threadsConnected === 0
    && moved.bytesSent === to.socketBytes - from.socketBytes;
}

// A visit starts when two readings are calm and no more connections are open than when
// the database was last idle: nothing else is at work, not even the closing connections
// of the last visit.
async function quiet(read: () => Promise<Reading>, self: Self, idleLevel: { threads: number }): Promise<{ idle: Reading; before: Reading }> {
  const deadline = performance.now() + QUIET_TIMEOUT_MS;
  let calmSince: number | undefined;
  for (;;) {
    const idle = await read();
    const before = await read();
    const threads = before.counters.threadsConnected;
    const isCalm = calm(idle, before, self);
    calmSince = isCalm ? (calmSince ?? performance.now()) : undefined;
    if ((isCalm && threads <= idleLevel.threads) || (calmSince !== undefined && performance.now() - calmSince >= QUIET_STABLE_MS)) {
      idleLevel.threads = threads;
      return { idle, before };
    }
    if (performance.now() > deadline) {
      throw new Error(`the database never became quiet in ${QUIET_TIMEOUT_MS / 1000} s: another client is using it while the harness counts`);
    }
    await sleep(POLL_MS);
  }
}

// Reads on until the counts have settled: the last two readings calm, and the digests
// caught up with the statements. Every reading between `before` and the one used costs
// what the next calm pair shows, and is subtracted.
async function settle(read: () => Promise<Reading>, self: Self, idle: Reading, before: Reading): Promise<DatabaseWork> {
  const deadline = performance.now() + SETTLE_TIMEOUT_MS;
  const readings = [await read()];
  for (;;) {
    const next = await read();
    const after = readings.at(-1) ?? next;
    readings.push(next);
    const costs = [counterDelta(idle.counters, before.counters), ...Array.from({ length: readings.length - 2 }, () => counterDelta(after.counters, next.counters))];
    const database = ownWork(before, after, costs, self);
    if ((calm(after, next, self) && !digestsBehind(database)) || performance.now() > deadline) return checked(database);
    await sleep(POLL_MS);
  }
}

function digestsBehind(database: DatabaseWork): boolean {
  if (database.digests === null) return false;
  const digested = [...database.digests.values()].reduce((sum, totals) => sum + totals.count, 0);
  return digested < Object.values(database.counters.statements).reduce((sum, count) => sum + count, 0);
}

// What happened from `before` to `after`, less the cost of every reading in between;
// the counter's own statements left out of the digests.
function ownWork(before: Reading, after: Reading, costs: readonly DatabaseCounters[], self: Self): DatabaseWork {
  const seen = counterDelta(before.counters, after.counters);
  const less = (pick: (counters: DatabaseCounters) => number): number => pick(seen) - costs.reduce((sum, cost) => sum + pick(cost), 0);
  const statements: Record<string, number> = {};
  for (const kind of new Set([...Object.keys(seen.statements), ...costs.flatMap((cost) => Object.keys(cost.statements))])) {
    const own = less((counters) => counters.statements[kind] ?? 0);
    if (own !== 0) statements[kind] = own;
  }
  const counters: DatabaseCounters = {
    threadsConnected: seen.threadsConnected,
    selects: less((c) => c.selects),
    connections: less((c) => c.connections),
    rowsRead: less((c) => c.rowsRead),
    rowsSent: seen.rowsSent === null || costs.some((cost) => cost.rowsSent === null) ? null : less((c) => c.rowsSent ?? 0),
    // The server counts what it sent before the second snapshot; all of it that came to
    // us arrived on our socket before the second reading began.
    bytesSent: seen.bytesSent - (after.socketBytes - before.socketBytes),
    statements,
  };
  if (before.digests === null || after.digests === null) return { counters, digests: null };
  const digests = digestDelta(before.digests, after.digests);
  for (const text of self.statements) digests.delete(text);
  return { counters, digests };
}

function checked(database: DatabaseWork): DatabaseWork {
  const { counters } = database;
  const negative = Object.entries({ ...counters.statements, connections: counters.connections, rowsRead: counters.rowsRead, bytesSent: counters.bytesSent })
    .find(([, value]) => value < 0);
  if (negative !== undefined) {
    throw new Error(`counting went wrong: ${negative[0]} moved by ${negative[1]}; is another client using this database?`);
  }
  return database;
}

type CountWork = WorkCounter['countWork'];

// Now and then a server files no digest for one statement among a hundred on brand-new
// connections (seen on MariaDB 10.11 with a connection per gid) while its status counters
// count it. Such a visit is counted again, rather than gated on a count that is off by one;
// the first visit's answers (and timing) stand.
const COUNT_ATTEMPTS = 3;

async function countRequests(countWork: CountWork, urls: readonly string[], serverPid: number | undefined): Promise<CountedVisit> {
  const first = await countVisit(countWork, urls, serverPid);
  let visit = first;
  for (let attempt = 1; attempt < COUNT_ATTEMPTS && !digestsAgree(visit.work); attempt++) {
    visit = { ...(await countVisit(countWork, urls, serverPid)), responses: first.responses };
  }
  return visit;
}

function digestsAgree(work: WorkPerRequest): boolean {
  return work.fingerprints === null || work.fingerprints.reduce((sum, entry) => sum + entry.count, 0) === work.statements;
}

async function countVisit(countWork: CountWork, urls: readonly string[], serverPid: number | undefined): Promise<CountedVisit> {
  const { result: responses, database: counted } = await countWork(async () => {
    const answered = [];
    for (const url of urls) {
      const started = performance.now();
      const response = await getHttpText(url);
      answered.push({ ...response, ms: performance.now() - started });
    }
    return answered;
  });
  const timings = responses.map((response) => serverTiming(response.headers['server-timing']));
  const work: WorkPerRequest = {
    ...perRequest(counted, urls.length),
    workers: summed(timings.map((timing) => timing?.workers), urls.length),
    reportedQueries: summed(timings.map((timing) => timing?.queries), urls.length),
    peakRssMiB: serverPid === undefined ? null : await peakRssMiB(serverPid),
  };
  return { responses, work, disagreements: disagreements(work) };
}

function perRequest(counted: DatabaseWork, requests: number): Omit<WorkPerRequest, 'workers' | 'reportedQueries' | 'peakRssMiB'> {
  const each = (value: number): number => value / requests;
  const { counters } = counted;
  const statementsByKind = Object.fromEntries(Object.entries(counters.statements).map(([kind, value]) => [kind, each(value)]));
  const fingerprints = counted.digests === null ? null : [...counted.digests.values()]
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
    .map((totals) => ({ fingerprint: totals.text, count: each(totals.count), rowsSent: each(totals.rowsSent), rowsExamined: each(totals.rowsExamined) }));
  return {
    statements: each(Object.values(counters.statements).reduce((sum, value) => sum + value, 0)),
    statementsByKind,
    fingerprints,
    newConnections: each(counters.connections),
    rowsRead: each(counters.rowsRead),
    // Digests count the rows each statement sent; the status counter is MariaDB's only.
    rowsSent: fingerprints !== null ? fingerprints.reduce((sum, entry) => sum + entry.rowsSent, 0) : counters.rowsSent === null ? null : each(counters.rowsSent),
    bytesSent: each(counters.bytesSent),
  };
}

// The same statements counted three ways: status counters, digests, the server's own word.
function disagreements(work: WorkPerRequest): string[] {
  const found: string[] = [];
  if (work.fingerprints !== null) {
    const digested = work.fingerprints.reduce((sum, entry) => sum + entry.count, 0);
    if (digested !== work.statements) found.push(`performance_schema digests count ${digested} statements per request, the status counters ${work.statements}`);
  }
  // A server reports the queries its own code sent, all SELECTs; the driver's session
  // statements (PyMySQL's SET NAMES on connect, SQLAlchemy's ROLLBACK when a connection
  // goes back to its pool) are real work too, but only the database counts them.
  const selects = work.statementsByKind['select'] ?? 0;
  if (work.reportedQueries !== null && work.reportedQueries !== selects) {
    found.push(`the server reports ${work.reportedQueries} queries per request in Server-Timing, the database counted ${selects} SELECTs`);
  }
  return found;
}

function serverTiming(header: string | string[] | undefined): { workers: number; queries: number } | undefined {
  return typeof header === 'string' ? parseServerTiming(header) : undefined;
}

// A server that says nothing (a user's target without a Server-Timing header) has no
// count, not zero.
function summed(values: readonly (number | undefined)[], requests: number): number | null {
  if (values.some((value) => value === undefined || Number.isNaN(value))) return null;
  return values.reduce<number>((sum, value) => sum + (value ?? 0), 0) / requests;
}

// Summed over the server's process group: a gunicorn master and its worker, say.
async function peakRssMiB(groupLeader: number): Promise<number | null> {
  const pids = (await readdir('/proc').catch(() => [])).filter((name) => /^\d+$/.test(name));
  let kib: number | null = null;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    if (group !== groupLeader) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const peak = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    if (peak !== undefined) kib = (kib ?? 0) + Number(peak);
  }
  return kib === null ? null : kib / 1024;
}

