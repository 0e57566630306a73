"""What both routes do, whatever the stage (lib/settings-page.ts): ask the stage's
functions, then answer in the shape every server of this repository answers."""
from decimal import Decimal

from db import DataAccess
from project import Project
from stages import Stage


def as_number(value: Decimal | None) -> float | None:
    # DECIMAL(5,2) as a JSON number, as our servers answer it (Flask would send a string).
    return None if value is None else float(value)


def settings_page(db: DataAccess, stage: Stage, project: Project) -> dict:
    gids = [gid for gid, _ in project.groups]
    profile_settings = stage.get_group_profile_settings(db, project.code, gids)
    max_cpus = stage.get_max_cpus(db, project, gids) if stage.max_cpu_on_page == "eager" else None

    groups = []
    for gid, name in project.groups:
        entry = {"gid": gid, "name": name, "settings": profile_settings.get(gid)}
        if max_cpus is not None:
            entry["maxCpu"] = as_number(max_cpus.get(gid))
        groups.append(entry)
    return {"project": project.code, "groups": groups}


def max_cpus_answer(db: DataAccess, stage: Stage, project: Project, gids: list[int]) -> dict:
    max_cpus = stage.get_max_cpus(db, project, gids)
    return {"project": project.code, "maxCpus": [{"gid": gid, "maxCpu": as_number(max_cpus.get(gid))} for gid in gids]}
