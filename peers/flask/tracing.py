"""OpenTelemetry spans for the Flask peer, in the format and with the names every traced
server of this repository writes (docs/tracing.md, lib/tracing/names.ts): OTLP JSON
lines appended to TRACE_FILE, one ExportTraceServiceRequest per request. OpenTelemetry's
Python SDK does not install on this project's machines (a dependency is missing from
the local package index), so the spans are made here from the hooks the stack already
has: Flask's request hooks, SQLAlchemy's connection and cursor events, and the wrapper
that makes a thread count toward its request. On a machine with PyPI the SDK and its
file exporter would do the same. With TRACE_FILE unset nothing here is hooked."""
import json
import re
import secrets
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import wraps

from flask import Flask, g, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

INTERNAL, SERVER, CLIENT = 1, 2, 3
ERROR = 2

# perf_counter_ns is monotonic and shared by every thread; one offset makes it Unix time.
_UNIX_OFFSET_NS = time.time_ns() - time.perf_counter_ns()


def now_ns() -> int:
    return time.perf_counter_ns() + _UNIX_OFFSET_NS


@dataclass
class Span:
    trace_id: str
    span_id: str
    parent_id: str | None
    name: str
    kind: int
    start_ns: int
    attributes: dict = field(default_factory=dict)
    error: str | None = None


@dataclass
class _State:
    file: str | None = None
    service: str = ""
    variant: str = ""
    finished: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


_state = _State()
# The span that work started now belongs under; None outside any traced request.
current: ContextVar[Span | None] = ContextVar("current_span", default=None)


def configure(trace_file: str, variant: str) -> None:
    """Turns tracing on (a file name) or leaves it off (empty); fails now if it cannot write."""
    if trace_file == "":
        return
    with open(trace_file, "a", encoding="utf-8"):
        pass
    _state.file, _state.service, _state.variant = trace_file, f"settings-api-{variant}", variant


def enabled() -> bool:
    return _state.file is not None


def start_span(name: str, kind: int, attributes: dict | None = None, parent: Span | None = None) -> Span:
    parent = parent if parent is not None else current.get()
    trace_id = parent.trace_id if parent is not None else secrets.token_hex(16)
    return Span(trace_id, secrets.token_hex(8), parent.span_id if parent else None, name, kind, now_ns(), dict(attributes or {}))


def finish(span: Span, end_ns: int | None = None) -> None:
    with _state.lock:
        _state.finished.append((span, end_ns if end_ns is not None else now_ns()))


@contextmanager
def active(span: Span):
    """Runs the block under `span`, which ends with it (failed if the block raised)."""
    token = current.set(span)
    try:
        yield span
    except BaseException as error:
        span.error = type(error).__name__
        raise
    finally:
        current.reset(token)
        finish(span)


def in_span(name: str, kind: int = INTERNAL, attributes: dict | None = None):
    return active(start_span(name, kind, attributes))


# Flask's `<code>` written the way Fastify writes routes, so both stacks name a request alike.
def route_name(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r":\1", rule)


TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")


def instrument_app(app: Flask) -> None:
    """A server span per request, continuing the caller's W3C traceparent; the request's
    spans are written when it ends."""
    if not enabled():
        return

    @app.before_request
    def start_request_span():
        route = route_name(request.url_rule.rule) if request.url_rule is not None else "(no route)"
        caller = TRACEPARENT.match(request.headers.get("traceparent", ""))
        parent = Span(caller[1], caller[2], None, "", SERVER, 0) if caller else None
        attributes = {"http.request.method": request.method, "http.route": route, "url.path": request.path}
        g.trace_span = start_span(f"{request.method} {route}", SERVER, attributes, parent)
        g.trace_token = current.set(g.trace_span)

    @app.after_request
    def record_status(response):
        span = g.get("trace_span")
        if span is not None:
            span.attributes["http.response.status_code"] = response.status_code
            if response.status_code >= 500:
                span.error = str(response.status_code)
        return response

    @app.teardown_request
    def end_request_span(_error):
        span = g.pop("trace_span", None)
        if span is None:
            return
        current.reset(g.pop("trace_token"))
        finish(span)
        flush()


def traced_stage(stage):
    """The stage's two functions, each in a span named after the article's function."""
    if not enabled():
        return stage

    def traced(function):
        @wraps(function)
        def run(db, project_or_code, gids):
            attributes = {"code.function.name": function.__name__, "app.gids": len(gids)}
            with in_span(function.__name__, INTERNAL, attributes):
                return function(db, project_or_code, gids)
        return run

    return replace(stage, get_group_profile_settings=traced(stage.get_group_profile_settings), get_max_cpus=traced(stage.get_max_cpus))


def instrument_engine(engine: Engine) -> None:
    """A span for each connection opened and each statement, under the span active then."""
    if not enabled():
        return
    url = engine.url
    server = {"db.system.name": "mysql", "db.namespace": url.database or "", "server.address": url.host or ""}
    if url.port is not None:
        server["server.port"] = url.port

    @event.listens_for(engine, "do_connect")
    def connecting(dialect, connection_record, cargs, cparams):
        parent = current.get()
        if parent is not None:
            connection_record.info["trace_connect"] = start_span("connect", CLIENT, server, parent)

    @event.listens_for(engine, "connect")
    def connected(dbapi_connection, connection_record):
        span = connection_record.info.pop("trace_connect", None)
        if span is not None:
            finish(span)

    @event.listens_for(engine, "before_cursor_execute")
    def statement_started(conn, cursor, statement, parameters, context, executemany):
        parent = current.get()
        if parent is None:
            return
        text = fingerprint(statement)
        attributes = {**server, "db.query.text": text, "db.query.summary": query_summary(text)}
        gid = parameters.get("gid") if isinstance(parameters, dict) else None
        if isinstance(gid, int):
            attributes["app.gid"] = gid
            parent.attributes.setdefault("app.gid", gid)
        conn.info.setdefault("trace_statements", []).append(start_span(attributes["db.query.summary"], CLIENT, attributes, parent))

    @event.listens_for(engine, "after_cursor_execute")
    def statement_finished(conn, cursor, statement, parameters, context, executemany):
        statements = conn.info.get("trace_statements")
        if statements:
            span = statements.pop()
            if cursor.rowcount is not None and cursor.rowcount >= 0:
                span.attributes["db.response.returned_rows"] = cursor.rowcount
            finish(span)

    @event.listens_for(engine, "handle_error")
    def statement_failed(context):
        statements = context.connection.info.get("trace_statements") if context.connection is not None else None
        if statements:
            span = statements.pop()
            span.error = type(context.original_exception).__name__
            span.attributes["error.type"] = span.error
            finish(span)


def traced_thread(target):
    """A thread's target, wrapped so that its span runs from now (the thread about to be
    started, in the starting thread) to its end, and its work lies under it."""
    if not enabled() or current.get() is None:
        return target
    span = start_span("thread", INTERNAL)

    def run(*args):
        span.attributes["thread.id"] = threading.get_native_id()
        with active(span):
            return target(*args)
    return run


# lib/tracing/sql-fingerprint.ts, in Python: the statement's shape without its values.
QUOTED = re.compile(r"'(?:[^'\\]|\\.|'')*'|\"(?:[^\"\\]|\\.|\"\")*\"")
NUMBER = re.compile(r"(?<![\w`.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w`])", re.IGNORECASE)
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s")
LIST = re.compile(r"\(\s*\?(?:\s*,\s*\?)*\s*\)")


def fingerprint(sql: str) -> str:
    text = PLACEHOLDER.sub("?", sql)
    text = NUMBER.sub("?", QUOTED.sub("?", text))
    return re.sub(r"\s+", " ", LIST.sub("(?)", text)).strip()


def query_summary(fingerprinted: str) -> str:
    operation = re.match(r"\s*(\w+)", fingerprinted)
    table = re.search(r"\b(?:FROM|INTO|UPDATE|JOIN)\s+`?([\w.]+)`?", fingerprinted, re.IGNORECASE)
    name = operation[1].upper() if operation else "QUERY"
    return f"{name} {table[1]}" if table else name


def flush() -> None:
    """Appends every finished span as one OTLP ExportTraceServiceRequest line."""
    with _state.lock:
        finished, _state.finished = _state.finished, []
        if not finished or _state.file is None:
            return
        with open(_state.file, "a", encoding="utf-8") as out:
            out.write(json.dumps(otlp_request(finished), separators=(",", ":")) + "\n")


def otlp_request(finished: list) -> dict:
    resource = {"attributes": attributes_of({
        "service.name": _state.service,
        "app.variant": _state.variant,
        "telemetry.sdk.language": "python",
        "telemetry.sdk.name": "settings-api peers/flask/tracing.py",
    })}
    spans = [otlp_span(span, end_ns) for span, end_ns in finished]
    return {"resourceSpans": [{"resource": resource, "scopeSpans": [{"scope": {"name": "settings-api-flask"}, "spans": spans}]}]}


def otlp_span(span: Span, end_ns: int) -> dict:
    encoded = {
        "traceId": span.trace_id,
        "spanId": span.span_id,
        "name": span.name,
        "kind": span.kind,
        # OTLP/JSON writes 64-bit integers as strings.
        "startTimeUnixNano": str(span.start_ns),
        "endTimeUnixNano": str(end_ns),
        "attributes": attributes_of(span.attributes),
        "status": {"code": ERROR, "message": span.error} if span.error else {"code": 0},
    }
    if span.parent_id is not None:
        encoded["parentSpanId"] = span.parent_id
    return encoded


def attributes_of(values: dict) -> list:
    def value(item):
        if isinstance(item, bool):
            return {"boolValue": item}
        if isinstance(item, int):
            return {"intValue": str(item)}
        if isinstance(item, float):
            return {"doubleValue": item}
        return {"stringValue": str(item)}
    return [{"key": key, "value": value(item)} for key, item in values.items()]
