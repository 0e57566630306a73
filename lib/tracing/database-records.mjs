// What mysql2 itself reports about each query and each connection handshake, through
// Node's diagnostics_channel (mysql2 >= 3.20 publishes tracing:mysql2:query, :execute
// and :connect). Shared by the main thread, which turns records into spans at once, and
// by worker threads, which send them to the main thread with their answer. Plain
// JavaScript so a new thread loads it without type stripping. When nothing subscribes,
// mysql2 checks `hasSubscribers` and skips all of it: tracing off costs nothing here.
import diagnostics from 'node:diagnostics_channel';

/**
 * @typedef {{ readonly database: string, readonly serverAddress: string, readonly serverPort: number | undefined }} DatabaseServer
 * @typedef {DatabaseServer & { readonly kind: 'query', readonly sql: string, readonly startNs: bigint, readonly endNs: bigint, readonly rows: number | undefined, readonly error: string | undefined }} QueryRecord
 * @typedef {DatabaseServer & { readonly kind: 'connect', readonly startNs: bigint, readonly endNs: bigint, readonly error: string | undefined }} ConnectRecord
 * @typedef {QueryRecord | ConnectRecord} DatabaseRecord
 * @typedef {{ query?: string, database?: string, serverAddress?: string, serverPort?: number, error?: unknown, result?: unknown }} ChannelMessage
 */

/**
 * Calls `onRecord` once for every query and handshake this thread's mysql2 finishes.
 * `atStart` runs in the caller's context when the operation begins (the main thread
 * keeps the active trace context there) and its value comes back with the record.
 * @template T
 * @param {() => T} atStart
 * @param {(record: DatabaseRecord, started: T) => void} onRecord
 * @returns {() => void} unsubscribes
 */
export function subscribeDatabaseRecords(atStart, onRecord) {
  const channels = /** @type {const} */ ([['query', 'mysql2:query'], ['query', 'mysql2:execute'], ['connect', 'mysql2:connect']]);
  const unsubscribes = channels.map(([kind, name]) => {
    /** @type {WeakMap<object, { startNs: bigint, started: T }>} */
    const open = new WeakMap();
    /** @param {ChannelMessage} message */
    const finish = (message) => {
      const begun = open.get(message);
      if (begun === undefined) return;
      open.delete(message);
      onRecord(toRecord(kind, message, begun.startNs, process.hrtime.bigint()), begun.started);
    };
    const handlers = {
      /** @param {ChannelMessage} message */
      start: (message) => void open.set(message, { startNs: process.hrtime.bigint(), started: atStart() }),
      // A callback or promise settled: the operation is over, whatever the outcome.
      asyncStart: finish,
      // Thrown before any I/O: no asyncStart will follow.
      /** @param {ChannelMessage} message */
      end: (message) => { if (message.error !== undefined) finish(message); },
      asyncEnd: () => undefined,
      error: () => undefined,
    };
    const channel = diagnostics.tracingChannel(name);
    channel.subscribe(handlers);
    return () => channel.unsubscribe(handlers);
  });
  return () => { for (const unsubscribe of unsubscribes) unsubscribe(); };
}

/**
 * @param {'query' | 'connect'} kind
 * @param {ChannelMessage} message
 * @param {bigint} startNs
 * @param {bigint} endNs
 * @returns {DatabaseRecord}
 */
function toRecord(kind, message, startNs, endNs) {
  const server = {
    database: message.database ?? '',
    serverAddress: message.serverAddress ?? '',
    serverPort: message.serverPort,
  };
  const error = message.error === undefined ? undefined : errorType(message.error);
  if (kind === 'connect') return { kind, ...server, startNs, endNs, error };
  const rows = Array.isArray(message.result) ? message.result.length : undefined;
  return { kind, ...server, sql: message.query ?? '', startNs, endNs, rows, error };
}

/**
 * What went wrong, as a short code (ER_CON_COUNT_ERROR, ETIMEDOUT): never a message,
 * which may quote a value.
 * @param {unknown} error
 * @returns {string}
 */
export function errorType(error) {
  const code = /** @type {{ code?: unknown }} */ (error)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}
