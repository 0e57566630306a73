"""After both waves: max CPU on demand in one grouped query; settings in one batched IN query."""
from after.max_cpus import get_max_cpus
from after.profile_settings import get_group_profile_settings

MAX_CPU_ON_PAGE = "lazy"
