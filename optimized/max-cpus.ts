import type { RowDataPacket } from 'mysql2/promise';
import { chunks } from '../lib/chunks.ts';
import { timedQuery } from '../lib/db.ts';
import type { GetMaxCpus, Gid } from '../lib/types.ts';

type MaxCpuRow = RowDataPacket & { gid: number; max_cpu: number };

// Wave 1: max CPU is no longer on the page; the CPU panel asks for it when opened,
// and one grouped query on the pooled connection answers it: no threads at all.
export const getMaxCpus: GetMaxCpus = async (db, project, gids) => {
  const maxCpus = new Map<Gid, number>();
  for (const part of chunks(gids, db.chunkSize)) {
    const rows = await timedQuery<MaxCpuRow>(
      db.pool,
      `SELECT gid, MAX(cpu_percent) AS max_cpu FROM cpu_samples
        WHERE project_id = ? AND gid IN (?) GROUP BY gid`,
      [project.id, part],
    );
    for (const row of rows) maxCpus.set(row.gid, row.max_cpu);
  }
  return maxCpus;
};
