"""Finding a project and its gids: lib/project.ts's one query, in Python."""
from dataclasses import dataclass

from sqlalchemy import text

from db import DataAccess

# A LEFT JOIN keeps a project with no groups.
PROJECT_WITH_GROUPS = text("""
    SELECT p.id, g.gid, g.name
      FROM projects p LEFT JOIN project_groups g ON g.project_id = p.id
     WHERE p.code = :code
     ORDER BY g.gid""")


@dataclass(frozen=True)
class Project:
    id: int
    code: str
    groups: list  # of (gid, name), by gid


def find_project(db: DataAccess, code: str) -> Project | None:
    with db.session() as session:
        rows = session.execute(PROJECT_WITH_GROUPS, {"code": code}).all()
    if not rows:
        return None
    return Project(rows[0].id, code, [(row.gid, row.name) for row in rows if row.gid is not None])
