// Body of one baseline thread: its own connection, one query, then it ends.
// Plain JavaScript on purpose: Node strips TypeScript types inside every new isolate,
// which would add ~10 MB and tens of ms to each thread, a cost of this repository's
// toolchain rather than of the article's design. Types are checked from the JSDoc.
import { parentPort, workerData } from 'node:worker_threads';
import mysql from 'mysql2/promise';
import { queryMaxCpuOfGid } from '../lib/max-cpu-of-gid.mjs';

/** @typedef {{ connection: import('mysql2/promise').ConnectionOptions, projectId: number, gid: number }} MaxCpuJob */

const job = /** @type {MaxCpuJob} */ (workerData);
const connection = await mysql.createConnection(job.connection);
try {
  parentPort?.postMessage(await queryMaxCpuOfGid(connection, job.projectId, job.gid));
} finally {
  await connection.end();
}
