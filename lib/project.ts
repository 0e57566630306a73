import type { RowDataPacket } from 'mysql2/promise';
import { timedQuery } from './db.ts';
import type { DataAccess, Project } from './types.ts';

type ProjectRow = RowDataPacket & { id: number; gid: number | null; name: string | null };

// One query for the project and its gids; a LEFT JOIN keeps a project with no groups.
export async function findProject(db: DataAccess, code: string): Promise<Project | undefined> {
  const rows = await timedQuery<ProjectRow>(
    db.pool,
    `SELECT p.id, g.gid, g.name
       FROM projects p LEFT JOIN project_groups g ON g.project_id = p.id
      WHERE p.code = ?
      ORDER BY g.gid`,
    [code],
  );
  const first = rows[0];
  if (first === undefined) return undefined;
  const groups = rows.flatMap((row) => (row.gid === null ? [] : [{ gid: row.gid, name: row.name ?? '' }]));
  return { id: first.id, code, groups };
}
