from decimal import Decimal
from threading import Thread

from sqlalchemy import text

from db import DataAccess
from project import Project
from request_stats import in_this_request

MAX_CPU_OF_GID = text("SELECT MAX(cpu_percent) AS max_cpu FROM cpu_samples WHERE project_id = :project_id AND gid = :gid")


def get_max_cpu(db: DataAccess, project_id: int, gid: int, max_cpus: dict, errors: list) -> None:
    """One thread's work: a connection of its own, one query, then the thread ends."""
    try:
        with db.unpooled.connect() as connection:
            max_cpus[gid] = connection.execute(MAX_CPU_OF_GID, {"project_id": project_id, "gid": gid}).scalar()
    except Exception as error:  # would die with the thread; the request re-raises it
        errors.append(error)


def get_max_cpus(db: DataAccess, project: Project, gids: list[int]) -> dict[int, Decimal | None]:
    """The article's get_max_cpus: a new thread per gid, started for every request and
    joined before the page can answer."""
    max_cpus = {}
    errors = []
    threads = []
    for gid in gids:
        t = Thread(target=in_this_request(get_max_cpu), args=(db, project.id, gid, max_cpus, errors))
        threads.append(t)
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return max_cpus
