"""The article's code at four points of its story, like variants/index.ts: which function
loads the settings, which loads max CPU, and whether the page waits for max CPU."""
from dataclasses import dataclass
from typing import Callable

import after
import before


@dataclass(frozen=True)
class Stage:
    name: str
    max_cpu_on_page: str  # "eager": on the page; "lazy": only from /max-cpus
    get_group_profile_settings: Callable
    get_max_cpus: Callable


STAGES = {
    "before": Stage("flask-before", before.MAX_CPU_ON_PAGE, before.get_group_profile_settings, before.get_max_cpus),
    "wave1": Stage("flask-wave1", after.MAX_CPU_ON_PAGE, before.get_group_profile_settings, after.get_max_cpus),
    "wave2": Stage("flask-wave2", before.MAX_CPU_ON_PAGE, after.get_group_profile_settings, before.get_max_cpus),
    "after": Stage("flask-after", after.MAX_CPU_ON_PAGE, after.get_group_profile_settings, after.get_max_cpus),
}
