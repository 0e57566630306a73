import type { Connection, RowDataPacket } from 'mysql2/promise';

export type SeededProject = { readonly code: string; readonly gids: number };

// The projects in the database and their gid counts, smallest first.
export async function seededProjects(admin: Connection): Promise<SeededProject[]> {
  const [rows] = await admin.query<(RowDataPacket & { code: string; gids: number })[]>(
    `SELECT p.code, COUNT(g.gid) AS gids FROM projects p
       LEFT JOIN project_groups g ON g.project_id = p.id
      GROUP BY p.id, p.code ORDER BY gids, p.code`,
  );
  return rows.map((row) => ({ code: row.code, gids: Number(row.gids) }));
}
