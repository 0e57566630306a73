from decimal import Decimal

from sqlalchemy import bindparam, text

from chunks import chunks
from db import DataAccess
from project import Project

MAX_CPU_BY_GID = text(
    "SELECT gid, MAX(cpu_percent) AS max_cpu FROM cpu_samples WHERE project_id = :project_id AND gid IN :gids GROUP BY gid"
).bindparams(bindparam("gids", expanding=True))


def get_max_cpus(db: DataAccess, project: Project, gids: list[int]) -> dict[int, Decimal | None]:
    """Wave 1: max CPU is no longer on the page; the CPU panel asks for it when opened,
    and one grouped query on a pooled connection answers it: no threads at all."""
    max_cpus = {}
    with db.session() as session:
        for part in chunks(gids, db.chunk_size):
            for gid, max_cpu in session.execute(MAX_CPU_BY_GID, {"project_id": project.id, "gids": part}):
                max_cpus[gid] = max_cpu
    return max_cpus
