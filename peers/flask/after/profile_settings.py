from chunks import chunks
from db import DataAccess
from models import ProfileSetting, to_profile_settings


def get_group_profile_settings(db: DataAccess, project_code: str, gids: list[int]) -> dict[int, dict]:
    """Wave 2: one batched IN query instead of one query per gid. Very large projects are
    split into chunks so a statement stays within the server's packet limit."""
    profile_settings = {}
    with db.session() as session:
        for part in chunks(gids, db.chunk_size):
            # Batch query
            query_results = session.query(ProfileSetting).filter(
                ProfileSetting.name.in_([f"{project_code}:{gid}" for gid in part])
            ).all()
            for result in query_results:
                result = result.as_dict()
                gid = int(result["name"].split(":")[1])
                profile_settings[gid] = to_profile_settings(result)
    return profile_settings
