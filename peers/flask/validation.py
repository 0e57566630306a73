"""Input checks for the two routes (lib/validation.ts, same rules and messages). Anything
that does not match is a 400 before any SQL runs; values that pass are still bound as
parameters, never spliced into SQL."""
import json
import re

from werkzeug.exceptions import BadRequest

PROJECT_CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
GID = re.compile(r"[0-9]{1,10}")
MAX_GID = 4_294_967_295


def parse_project_code(raw: str) -> str:
    if not PROJECT_CODE.fullmatch(raw):
        raise BadRequest("project code must be 1-64 characters of a-z, 0-9 and -")
    return raw


def parse_gid_list(values: list[str], limit: int) -> list[int]:
    """`?gids=12,34,56`, given exactly once: positive integers, at most `limit` of them.
    Duplicates are dropped, first occurrence kept, so the answer follows the request."""
    if len(values) != 1 or values[0] == "":
        raise BadRequest("gids is required once: ?gids=1,2,3")
    parts = values[0].split(",")
    if len(parts) > limit:
        raise BadRequest(f"at most {limit} gids per request, got {len(parts)}")
    gids = []
    for part in parts:
        if not GID.fullmatch(part) or not 1 <= int(part) <= MAX_GID:
            raise BadRequest(f"gid {json.dumps(part[:40], ensure_ascii=False)} is not a positive integer")
        gids.append(int(part))
    return list(dict.fromkeys(gids))
