"""The article's starting point: max CPU on the page, a new thread per gid; settings one query per gid."""
from before.max_cpus import get_max_cpus
from before.profile_settings import get_group_profile_settings

MAX_CPU_ON_PAGE = "eager"
