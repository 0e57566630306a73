// One gid's max CPU, queried on a connection of its own: what every baseline thread and
// every pooled thread runs. Plain JavaScript so that a new thread loads it without Node's
// per-isolate type stripping; types are checked from the JSDoc.
import { performance } from 'node:perf_hooks';

// Times are epoch milliseconds (timeOrigin + now): comparable across threads, whose
// performance clocks each start at zero.
/** @typedef {{ maxCpu: number | null, startedAt: number, endedAt: number }} MaxCpuAnswer */
/** @typedef {import('mysql2/promise').RowDataPacket & { max_cpu: number | null }} MaxCpuRow */

/**
 * @param {import('mysql2/promise').Connection} connection
 * @param {number} projectId
 * @param {number} gid
 * @returns {Promise<MaxCpuAnswer>}
 */
export async function queryMaxCpuOfGid(connection, projectId, gid) {
  const startedAt = performance.timeOrigin + performance.now();
  const [rows] = await connection.query(
    'SELECT MAX(cpu_percent) AS max_cpu FROM cpu_samples WHERE project_id = ? AND gid = ?',
    [projectId, gid],
  );
  const row = /** @type {MaxCpuRow[]} */ (rows)[0];
  return { maxCpu: row?.max_cpu ?? null, startedAt, endedAt: performance.timeOrigin + performance.now() };
}
