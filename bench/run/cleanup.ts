// One process-wide list of things to undo (stop a database, a server, ...), run on a
// normal exit and on Ctrl-C, kill or crash, so a benchmark never leaves servers behind.
// Cleanups run newest first: what was started last may depend on what came before.
import { withTimeout } from '../tools/db/with-timeout.ts';

type Cleanup = () => Promise<void> | void;

const CLEANUP_TIMEOUT_MS = 15_000;
const cleanups: Cleanup[] = [];
let installed = false;
let exiting = false;

export function onCleanup(fn: Cleanup): () => void {
  cleanups.push(fn);
  return () => {
    const index = cleanups.lastIndexOf(fn);
    if (index !== -1) cleanups.splice(index, 1);
  };
}

// True once a signal or crash has started the exit: errors that the cleanup itself
// causes in the main flow (a request cut short) are not the run's failure.
export function isExiting(): boolean {
  return exiting;
}

export async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    if (fn !== undefined) await runOne(fn);
  }
}

// Ctrl-C means "interrupted" (130) for a run, and "done" (0) for a command whose
// documented way to stop is Ctrl-C (`make db`), so make reports no error for it.
export function installSignalHandlers(interruptExitCode: 0 | 130 = 130): void {
  if (installed) return;
  installed = true;
  process.on('SIGINT', () => void exitAfterCleanup(interruptExitCode));
  process.on('SIGTERM', () => void exitAfterCleanup(143));
  process.on('uncaughtException', (error) => {
    process.stderr.write(`uncaught exception: ${error.stack ?? String(error)}\n`);
    void exitAfterCleanup(1);
  });
  process.on('unhandledRejection', (reason) => {
    const text = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    process.stderr.write(`unhandled rejection: ${text}\n`);
    void exitAfterCleanup(1);
  });
}

async function exitAfterCleanup(code: number): Promise<never> {
  // A second Ctrl-C while cleaning up means "now": leftovers are reaped by the next run.
  if (exiting) process.exit(code);
  exiting = true;
  await runCleanups();
  process.exit(code);
}

async function runOne(fn: Cleanup): Promise<void> {
  try {
    await withTimeout(Promise.resolve().then(fn), CLEANUP_TIMEOUT_MS, `timed out after ${CLEANUP_TIMEOUT_MS} ms`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`cleanup failed: ${message.split('\n')[0]}\n`);
  }
}
