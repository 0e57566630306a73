"""Counts the work one request does, for its Server-Timing header (lib/request-stats.ts,
in Python, same format). A context variable lets SQLAlchemy's event hooks find the
request's counters without passing them through every function."""
import threading
import time
from contextvars import ContextVar, copy_context
from dataclasses import dataclass, field


@dataclass
class RequestStats:
    started_at: float = field(default_factory=time.perf_counter)
    queries: int = 0
    db_ms: float = 0.0
    threads: int = 0
    new_connections: int = 0
    # A thread per gid counts into the same request at once.
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


current: ContextVar[RequestStats | None] = ContextVar("request_stats", default=None)


def start_request() -> RequestStats:
    stats = RequestStats()
    current.set(stats)
    return stats


def record_query(ms: float) -> None:
    stats = current.get()
    if stats is not None:
        with stats.lock:
            stats.queries += 1
            stats.db_ms += ms


def record_new_connection() -> None:
    stats = current.get()
    if stats is not None:
        with stats.lock:
            stats.new_connections += 1


def in_this_request(target):
    """Wraps a thread's target so that the thread counts toward the current request.
    New threads start with an empty context (before Python 3.14), and one context can
    run in only one thread at a time: each thread gets its own copy, made here."""
    context = copy_context()

    def run(*args):
        context.run(counted_thread, target, *args)
    return run


def counted_thread(target, *args) -> None:
    stats = current.get()
    if stats is not None:
        with stats.lock:
            stats.threads += 1
    target(*args)


def server_timing_header(stats: RequestStats) -> str:
    """db;dur sums all queries, so it can exceed total when threads query in parallel."""
    total_ms = (time.perf_counter() - stats.started_at) * 1000
    return ", ".join([
        f'db;dur={stats.db_ms:.2f};desc="{stats.queries} queries"',
        f"queries;desc={stats.queries}",
        f"workers;desc={stats.threads}",
        f"connections;desc={stats.new_connections}",
        f"total;dur={total_ms:.2f}",
    ])
