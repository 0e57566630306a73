// Body of one baseline thread: its own connection, one query, then it ends.
// Plain JavaScript on purpose: Node strips TypeScript types inside every new isolate,
// which would add ~10 MB and tens of ms to each thread, a cost of this repository's
// toolchain rather than of the article's design. Types are checked from the JSDoc.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import mysql from 'mysql2/promise';

/** @typedef {{ connection: import('mysql2/promise').ConnectionOptions, projectId: number, gid: number }} MaxCpuJob */
/** @typedef {{ maxCpu: number | null, dbMs: number }} MaxCpuAnswer */
/** @typedef {import('mysql2/promise').RowDataPacket & { max_cpu: number | null }} MaxCpuRow */

const job = /** @type {MaxCpuJob} */ (workerData);
const connection = await mysql.createConnection(job.connection);
try {
  const started = performance.now();
  const [rows] = await connection.query(
    'SELECT MAX(cpu_percent) AS max_cpu FROM cpu_samples WHERE project_id = ? AND gid = ?',
    [job.projectId, job.gid],
  );
  const row = /** @type {MaxCpuRow[]} */ (rows)[0];
  /** @type {MaxCpuAnswer} */
  const answer = { maxCpu: row?.max_cpu ?? null, dbMs: performance.now() - started };
  parentPort?.postMessage(answer);
} finally {
  await connection.end();
}
