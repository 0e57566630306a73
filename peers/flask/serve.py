"""Serves the Flask peer with gunicorn by the target contract of peers/README.md:

    MYSQL_URL=mysql://... STAGE=before peers/flask/.venv/bin/python peers/flask/serve.py

binds HOST:PORT (PORT=0: a free port), prints `ready http://HOST:PORT` once a worker can
answer, stops on SIGTERM or SIGINT, and with EXIT_WITH_STDIN=1 also when stdin closes.
`--help` lists every setting."""
import os
import signal
import socket
import sys
import threading

from gunicorn.app.base import BaseApplication
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from app import create_app
from config import Config, help_text, read_config
from db import connect_args, database_error_summary, engine_url


def fail(message: str, code: int = 1):
    print(f"error: {message}", file=sys.stderr, flush=True)
    sys.exit(code)


def check_database(config: Config) -> None:
    """One line instead of a worker that fails to boot over and over."""
    engine = create_engine(engine_url(config.mysql_url), poolclass=NullPool, connect_args=connect_args(config))
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # whatever it is, the server cannot start: say it in one line
        fail(f"cannot reach the database at MYSQL_URL: {database_error_summary(error)}")
    finally:
        engine.dispose()


def gunicorn_settings(config: Config, listener_fd: int, url: str) -> dict:
    def announce_ready(worker) -> None:
        # A worker that crashed and was replaced must not announce a second time.
        if worker.age == 1:
            print(f"ready {url}", flush=True)

    return {
        # A socket this process opened on port 0, so the port is known before gunicorn starts.
        "bind": [f"fd://{listener_fd}"],
        # One process, like each of our Node servers: /health's inFlight then counts every
        # handler of the server, and the page's threads all live beside the handler.
        "workers": 1,
        "worker_class": "gthread",
        # A handler holds one pooled connection for its queries: as many handler threads
        # as pooled connections, so neither waits for the other.
        "threads": config.pool_size,
        # Fastify keeps idle connections 72 s: a harness pausing between requests on a
        # kept-alive connection must not find it closed.
        "keepalive": 75,
        # The harness sends SIGKILL 5 s after SIGTERM; stop before that.
        "graceful_timeout": 4,
        # A 2000-gid ?gids= list is longer than gunicorn's largest limit (8190 bytes);
        # 0 means 1 MiB. MAX_GIDS_PER_REQUEST still bounds the work.
        "limit_request_line": 0,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": f"flask-{config.stage}",
        # gunicorn 26's control socket sits at one path in $HOME, shared by every instance
        # (four stages run at once), and stopping it costs seconds at shutdown.
        "control_socket_disable": True,
        "post_worker_init": announce_ready,
    }


class PeerServer(BaseApplication):
    """gunicorn's documented way to embed it: settings from a dict, the app from a factory."""

    def __init__(self, settings: dict, config: Config):
        self.settings = settings
        self.config = config
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.settings.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(self.config)


def exit_when_stdin_closes() -> None:
    """The harness holds a pipe on stdin; if it dies, the pipe closes and so do we."""
    def watch() -> None:
        try:
            while os.read(0, 4096):
                pass
        except OSError:
            pass  # no stdin at all counts as closed
        os.kill(os.getpid(), signal.SIGTERM)
    threading.Thread(target=watch, daemon=True, name="stdin-watch").start()


def main() -> None:
    if "--help" in sys.argv[1:] or "-h" in sys.argv[1:]:
        print(__doc__.strip() + "\n\n" + help_text())
        return
    if len(sys.argv) > 1:
        fail(f"unknown argument {sys.argv[1]!r}; settings come from the environment, see --help", 2)
    try:
        config = read_config(os.environ)
    except ValueError as error:
        fail(str(error), 2)
    check_database(config)

    listener = socket.create_server((config.host, config.port), family=socket.AF_INET6 if ":" in config.host else socket.AF_INET)
    host, port = listener.getsockname()[:2]
    url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    # gunicorn takes the descriptor over and closes it; the socket object must let go.
    settings = gunicorn_settings(config, listener.detach(), url)
    if config.exit_with_stdin:
        exit_when_stdin_closes()
    PeerServer(settings, config).run()


if __name__ == "__main__":
    main()
