"""The one way this server talks to MySQL (lib/db.ts, in Python): a pooled engine for
the request's own queries, an engine without a pool for the threads that each open a
connection of their own, and the hooks that count both into Server-Timing."""
import time
from dataclasses import dataclass

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool

from config import Config
from request_stats import record_new_connection, record_query


@dataclass(frozen=True)
class DataAccess:
    # `with db.session() as session:` checks a connection out of the pool.
    session: sessionmaker
    # Every connect() opens a new connection and every close() ends it: what the
    # article's threads did, and what the TypeScript baseline's workers do.
    unpooled: Engine
    chunk_size: int


def engine_url(mysql_url: str):
    # utf8mb4, like mysql2's default: settings hold names in any script.
    return make_url(mysql_url).set(drivername="mysql+pymysql", query={"charset": "utf8mb4"})


def connect_args(config: Config) -> dict:
    return {
        # An unreachable database must fail the request (503), not hang it.
        "connect_timeout": config.db_connect_timeout_ms / 1000,
        # No TLS, like mysql2 in our servers. PyMySQL 1.2 otherwise tries it on every new
        # connection and first builds a TLS context from the system's CA bundle: more CPU
        # than the thread and the connection together, once per gid on a "before" page.
        "ssl_disabled": True,
    }


def open_engine(config: Config, **pool_options) -> Engine:
    engine = create_engine(
        engine_url(config.mysql_url),
        connect_args=connect_args(config),
        **pool_options,
    )
    # A connection the pool opens counts against the request that made it open one.
    event.listen(engine, "connect", lambda *_: record_new_connection())
    event.listen(engine, "before_cursor_execute", query_started)
    event.listen(engine, "after_cursor_execute", query_finished)
    return engine


def open_data_access(config: Config) -> DataAccess:
    pooled = open_engine(config, pool_size=config.pool_size, max_overflow=0)
    data = DataAccess(sessionmaker(pooled), open_engine(config, poolclass=NullPool), config.settings_chunk_size)
    # SQLAlchemy asks the server a few questions on an engine's first connection; asked
    # here, they are not counted against the first request.
    with data.session() as session:
        session.execute(text("SELECT 1"))
    with data.unpooled.connect() as connection:
        connection.execute(text("SELECT 1"))
    return data


def query_started(conn, cursor, statement, parameters, context, executemany) -> None:
    conn.info.setdefault("query_started", []).append(time.perf_counter())


def query_finished(conn, cursor, statement, parameters, context, executemany) -> None:
    record_query(conn.info["query_started"].pop(), time.perf_counter())


# PyMySQL's codes for "cannot connect / log in / find the database / server stopping".
CANNOT_CONNECT = {1040, 1045, 1049, 1053, 2002, 2003, 2005, 2006, 2013}


def is_database_unavailable(error: BaseException) -> bool:
    """A 503 (the database cannot be used right now), as opposed to a bug (a 500)."""
    if not isinstance(error, DBAPIError):
        return False
    return error.connection_invalidated or database_error_code(error) in CANNOT_CONNECT


def database_error_code(error: DBAPIError):
    args = getattr(error.orig, "args", ())
    return args[0] if args else None


def database_error_summary(error: BaseException) -> str:
    """One line: PyMySQL's code and message, never the URL (which holds the password)."""
    if isinstance(error, DBAPIError):
        return ": ".join(str(part) for part in getattr(error.orig, "args", ()) if part != "") or type(error.orig).__name__
    return f"{type(error).__name__}: {error}"
