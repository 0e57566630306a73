// Inside a worker thread: collects the thread's own database records while tracing is
// on, so its answer can carry them to the main thread, which records them as spans (a
// thread has no exporter of its own, and a thousand of them could not share one file).
// The main thread turns this on with worker_threads.setEnvironmentData before it starts
// any thread: the threads' code stays the same whether tracing is on or off.
import { getEnvironmentData, isMainThread, threadId } from 'node:worker_threads';
import { subscribeDatabaseRecords } from './database-records.mjs';

/**
 * @typedef {import('./database-records.mjs').DatabaseRecord} DatabaseRecord
 * @typedef {{ readonly threadId: number, readonly gid: number, readonly records: readonly DatabaseRecord[] }} ThreadTrace
 */

export const threadTracingKey = 'settings-api:trace-threads';

const enabled = !isMainThread && getEnvironmentData(threadTracingKey) === true;
/** @type {DatabaseRecord[]} */
const records = [];
if (enabled) subscribeDatabaseRecords(() => undefined, (record) => void records.push(record));

/**
 * What this thread did since the last answer, for the answer about `gid`.
 * @param {number} gid
 * @returns {ThreadTrace | undefined} undefined when tracing is off
 */
export function takeThreadTrace(gid) {
  return enabled ? { threadId, gid, records: records.splice(0) } : undefined;
}
