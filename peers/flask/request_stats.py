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
    # Each query's (start, end) on perf_counter, one clock for all threads.
    query_intervals: list = field(default_factory=list)
    threads: int = 0
    new_connections: int = 0
    # A thread per gid counts into the same request at once.
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


current: ContextVar[RequestStats | None] = ContextVar("request_stats", default=None)


def start_request() -> RequestStats:
    stats = RequestStats()
    current.set(stats)
    return stats


def record_query(started_at: float, ended_at: float) -> None:
    stats = current.get()
    if stats is not None:
        with stats.lock:
            stats.query_intervals.append((started_at, ended_at))


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


def waited_ms(intervals: list) -> float:
    """Time during which at least one query was running: what the request waited for the
    database. Queries of parallel threads overlap, so this is less than their sum."""
    total = 0.0
    open_start, open_end = None, None
    for start, end in sorted(intervals):
        if open_end is not None and start <= open_end:
            open_end = max(open_end, end)
            continue
        if open_end is not None:
            total += open_end - open_start
        open_start, open_end = start, end
    if open_end is not None:
        total += open_end - open_start
    return total * 1000


def server_timing_header(stats: RequestStats) -> str:
    """db: wall time waiting for the database (never more than total); queries: how many,
    and their summed time (more than db when threads query in parallel)."""
    total_ms = (time.perf_counter() - stats.started_at) * 1000
    with stats.lock:
        intervals = list(stats.query_intervals)
    summed_ms = sum(end - start for start, end in intervals) * 1000
    return ", ".join([
        f'db;dur={waited_ms(intervals):.2f};desc="waiting for the database"',
        f"queries;dur={summed_ms:.2f};desc={len(intervals)}",
        f"workers;desc={stats.threads}",
        f"connections;desc={stats.new_connections}",
        f"total;dur={total_ms:.2f}",
    ])
