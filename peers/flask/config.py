"""The one place this server's settings come from: environment variables, each declared
once with its default and its check, so `serve.py --help` can print all of them. The
names and defaults are lib/config.ts's, so the harness configures every target alike."""
import re
from dataclasses import dataclass

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

STAGES = ("before", "wave1", "wave2", "after")


@dataclass(frozen=True)
class Config:
    mysql_url: str
    host: str
    port: int
    stage: str
    pool_size: int
    settings_chunk_size: int
    max_gids_per_request: int
    db_connect_timeout_ms: int
    exit_with_stdin: bool


def integer(low: int, high: int):
    def parse(text: str) -> int:
        if not re.fullmatch(r"[0-9]{1,9}", text) or not low <= int(text) <= high:
            raise ValueError(f"must be an integer from {low} to {high}")
        return int(text)
    return parse


def one_of(*choices: str):
    def parse(text: str) -> str:
        if text not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return text
    return parse


def boolean(text: str) -> bool:
    if text not in ("true", "false", "1", "0"):
        raise ValueError("must be true, false, 1 or 0")
    return text in ("true", "1")


def mysql_url(text: str) -> str:
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        url = None
    if url is None or url.drivername != "mysql" or not url.host or not url.database:
        raise ValueError("must look like mysql://user:pass@host:port/db")
    return text


# field: (environment variable, default, parse, description). None: required.
OPTIONS = {
    "mysql_url": ("MYSQL_URL", None, mysql_url, "the database: mysql://user:pass@host:port/db"),
    "host": ("HOST", "127.0.0.1", one_of("127.0.0.1", "::1", "localhost"), "address to bind (loopback only)"),
    "port": ("PORT", "0", integer(0, 65535), "port to listen on; 0 picks a free one, reported in the ready line"),
    "stage": ("STAGE", "after", one_of(*STAGES),
              "before = threads + N+1; wave1 = lazy max CPU + N+1; wave2 = threads + IN; after = both waves"),
    "pool_size": ("POOL_SIZE", "10", integer(1, 1000), "pooled connections, and gunicorn threads serving requests"),
    "settings_chunk_size": ("SETTINGS_CHUNK_SIZE", "1000", integer(1, 65535), "gids per batched IN (...) query"),
    "max_gids_per_request": ("MAX_GIDS_PER_REQUEST", "2000", integer(1, 100000),
                             "most gids one /max-cpus request may ask for (more is a 400)"),
    "db_connect_timeout_ms": ("DB_CONNECT_TIMEOUT", "30000", integer(100, 120000),
                              "ms a new connection may take before the request fails with 503"),
    "exit_with_stdin": ("EXIT_WITH_STDIN", "false", boolean,
                        "exit when standard input closes: a harness holds a pipe there, so no server outlives it"),
}


def read_config(environ) -> Config:
    """Raises ValueError with one line naming the variable; never echoes the database URL."""
    values = {}
    for field, (name, default, parse, _) in OPTIONS.items():
        raw = environ.get(name) or default
        if raw is None:
            raise ValueError(f"{name} is not set: {OPTIONS[field][3]}")
        try:
            values[field] = parse(raw)
        except ValueError as error:
            shown = "(hidden)" if field == "mysql_url" else repr(raw)
            raise ValueError(f"{name} = {shown}: {error}") from None
    return Config(**values)


def help_text() -> str:
    lines = ["Environment variables (default):"]
    for name, default, _, description in OPTIONS.values():
        lines.append(f"  {name}   (default: {'required' if default is None else default})")
        lines.append(f"      {description}")
    return "\n".join(lines)
