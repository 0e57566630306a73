from db import DataAccess
from models import ProfileSetting, to_profile_settings


def get_group_profile_settings(db: DataAccess, project_code: str, gids: list[int]) -> dict[int, dict]:
    """The article's utils.py:get_group_profile_settings: one query per gid (N + 1).
    The unique index on name makes each query fast; their number is what costs."""
    profile_settings = {}
    with db.session() as session:
        for gid in gids:
            result = session.query(ProfileSetting).filter(ProfileSetting.name == f"{project_code}:{gid}").first()
            if not result:
                continue
            profile_settings[gid] = to_profile_settings(result.as_dict())
    return profile_settings
