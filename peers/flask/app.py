"""The Flask app: the same routes, errors and Server-Timing header as lib/server.ts, so
the harness measures this server exactly like ours."""
import sys
import threading
from functools import wraps

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

from config import Config
from db import DataAccess, database_error_summary, is_database_unavailable, open_data_access
from project import find_project
from request_stats import current, server_timing_header, start_request
from settings_page import max_cpus_answer, settings_page
from stages import STAGES, Stage
from validation import parse_gid_list, parse_project_code


def error_response(status: int, error: str, message: str, **extra):
    response = jsonify({"error": error, "message": message, **extra})
    response.status_code = status
    return response


def create_app(config: Config) -> Flask:
    return build_app(STAGES[config.stage], open_data_access(config), config.max_gids_per_request)


def build_app(stage: Stage, db: DataAccess, max_gids_per_request: int) -> Flask:
    app = Flask(__name__)
    app.json.sort_keys = False
    # Like our servers: `//` is not the same path as `/`.
    app.url_map.merge_slashes = False

    # Handlers still running, also for clients that gave up: a harness waits for zero
    # before its next measurement, so abandoned pages steal no time from it.
    in_flight = 0
    in_flight_lock = threading.Lock()

    def tracked(view):
        @wraps(view)
        def counted(*args, **kwargs):
            nonlocal in_flight
            with in_flight_lock:
                in_flight += 1
            try:
                return view(*args, **kwargs)
            finally:
                with in_flight_lock:
                    in_flight -= 1
        return counted

    @app.before_request
    def count_this_request():
        start_request()

    @app.after_request
    def add_server_timing(response):
        stats = current.get()
        if stats is not None:
            response.headers["Server-Timing"] = server_timing_header(stats)
        return response

    @app.get("/api/projects/<code>/settings")
    @tracked
    def settings(code: str):
        code = parse_project_code(code)
        project = find_project(db, code)
        if project is None:
            return error_response(404, "not_found", f'no project "{code}"')
        return settings_page(db, stage, project)

    @app.get("/api/projects/<code>/max-cpus")
    @tracked
    def max_cpus(code: str):
        code = parse_project_code(code)
        gids = parse_gid_list(request.args.getlist("gids"), max_gids_per_request)
        project = find_project(db, code)
        if project is None:
            return error_response(404, "not_found", f'no project "{code}"')
        known = {gid for gid, _ in project.groups}
        unknown = [gid for gid in gids if gid not in known]
        if unknown:
            return error_response(404, "not_found", f'{len(unknown)} gid(s) not in project "{code}"', gids=unknown[:20])
        return max_cpus_answer(db, stage, project, gids)

    @app.get("/health")
    def health():
        return {"status": "ok", "variant": stage.name, "inFlight": in_flight}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        # A known path with another method is "no route" too, as on our servers.
        if error.code in (404, 405):
            return error_response(404, "not_found", f"no route {request.method} {request.path}")
        if error.code is not None and 400 <= error.code < 500:
            return error_response(error.code, "bad_request", error.description)
        return unexpected(error)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if is_database_unavailable(error):
            log(f"{stage.name}: database unavailable: {database_error_summary(error)}")
            return error_response(503, "database_unavailable", "the database cannot be reached; retry later")
        log(f"{stage.name}: {request.method} {request.path}: {database_error_summary(error)}")
        return error_response(500, "internal", "internal error")

    return app


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
