// N + 1 checks for your own test suite, in the spirit of QuickPerf's @ExpectSelect and
// Ruby's prosopite: run a piece of code, group the statements it sent by fingerprint,
// and fail the test when one repeats, naming it.
//
//   const { log } = await recordStatements(() => loadSettings(db, code, gids));
//   expectNoRepeatedStatements(log);          // fails: "SELECT … WHERE name = ? × 120"
//   expectStatements(log, { select: 1 });     // exactly one SELECT
//
// Two ways to record:
// - recordStatements: in this process, every statement sent through mysql2 while `work`
//   runs (its diagnostics_channel), whatever connection or pool sent it. Needs nothing of
//   the database; does not see other threads or processes (the baseline's Workers).
// - recordStatementsAtServer: at the database, from performance_schema's statement
//   digests: every statement of every client while `work` runs, threads included. Needs
//   performance_schema (MariaDB: --performance-schema=ON) and SELECT on it, and a
//   database nobody else uses meanwhile.
// Run either kind of test one at a time (vitest runs the tests of a file in order).
import { AssertionError } from 'node:assert';
import diagnosticsChannel from 'node:diagnostics_channel';
import { openWorkCounter } from '../work-counters.ts';
import { fingerprint, shortFingerprint } from './fingerprint.ts';

export type LoggedStatement = { readonly fingerprint: string; readonly count: number };

export type StatementLog = {
  readonly total: number;
  // Most executed first.
  readonly statements: readonly LoggedStatement[];
};

type QueryContext = { readonly query?: unknown };

const ignore = (): void => undefined;
const channels = ['mysql2:query', 'mysql2:execute'].map((name) => diagnosticsChannel.tracingChannel<unknown, QueryContext>(name));

export async function recordStatements<T>(work: () => Promise<T>): Promise<{ readonly result: T; readonly log: StatementLog }> {
  const counts = new Map<string, number>();
  const handlers = {
    start(context: QueryContext): void {
      if (typeof context.query !== 'string') return;
      const key = fingerprint(context.query);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    // Only the start of each statement matters here.
    end: ignore,
    asyncStart: ignore,
    asyncEnd: ignore,
    error: ignore,
  };
  for (const channel of channels) channel.subscribe(handlers);
  try {
    return { result: await work(), log: logOf(counts) };
  } finally {
    for (const channel of channels) channel.unsubscribe(handlers);
  }
}

export async function recordStatementsAtServer<T>(databaseUrl: string, work: () => Promise<T>): Promise<{ readonly result: T; readonly log: StatementLog }> {
  const counter = await openWorkCounter(databaseUrl);
  try {
    if (!counter.digests.available) throw new Error(`recordStatementsAtServer: ${counter.digests.reason}`);
    const { result, database } = await counter.countWork(work);
    const counts = new Map([...(database.digests?.values() ?? [])].map((totals) => [totals.text, totals.count]));
    return { result, log: logOf(counts) };
  } finally {
    await counter.close();
  }
}

function logOf(counts: ReadonlyMap<string, number>): StatementLog {
  const statements = [...counts].map(([key, count]) => ({ fingerprint: key, count })).sort((a, b) => b.count - a.count);
  return { total: statements.reduce((sum, entry) => sum + entry.count, 0), statements };
}

// "SELECT", "UPDATE", "SET", ... of a fingerprint, lower case: the kind QuickPerf counts.
export function kindOf(statementFingerprint: string): string {
  return (/^\s*(\w+)/.exec(statementFingerprint)?.[1] ?? '').toLowerCase();
}

function describe(entries: readonly LoggedStatement[]): string {
  return entries.map((entry) => `  ${shortFingerprint(entry.fingerprint)} × ${entry.count}`).join('\n');
}

export type RepeatOptions = {
  // Fingerprints allowed to repeat, e.g. a batched query split into chunks on purpose.
  readonly allow?: readonly RegExp[];
  // Executions from which a statement counts as repeated (default 2).
  readonly atLeast?: number;
};

export function repeatedStatements(log: StatementLog, options: RepeatOptions = {}): LoggedStatement[] {
  const atLeast = options.atLeast ?? 2;
  return log.statements.filter((entry) => entry.count >= atLeast && !(options.allow ?? []).some((pattern) => pattern.test(entry.fingerprint)));
}

export function expectNoRepeatedStatements(log: StatementLog, options: RepeatOptions = {}): void {
  const repeated = repeatedStatements(log, options);
  if (repeated.length === 0) return;
  throw new AssertionError({
    message: `${repeated.length} statement(s) ran more than once (N + 1?):\n${describe(repeated)}`,
    actual: repeated,
    expected: [],
  });
}

// Exact counts by kind, and optionally in total: expectStatements(log, { select: 1, update: 0 }).
export function expectStatements(log: StatementLog, expected: Readonly<Record<string, number>>): void {
  const actual: Record<string, number> = {};
  for (const key of Object.keys(expected)) {
    actual[key] = key === 'total' ? log.total : log.statements.filter((entry) => kindOf(entry.fingerprint) === key).reduce((sum, entry) => sum + entry.count, 0);
  }
  const wrong = Object.keys(expected).filter((key) => actual[key] !== expected[key]);
  if (wrong.length === 0) return;
  throw new AssertionError({
    message: `statements: ${wrong.map((key) => `${key} ${actual[key]} instead of ${expected[key]}`).join(', ')}\n${describe(log.statements)}`,
    actual,
    expected,
  });
}
