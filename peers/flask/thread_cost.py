"""What one Python thread costs: start it, let it work, join it. For the harness's
micro-benchmark, beside a Node Worker (started and joined the same way).

    peers/flask/.venv/bin/python peers/flask/thread_cost.py --kind bare --threads 1 --samples 30
    MYSQL_URL=mysql://... peers/flask/.venv/bin/python peers/flask/thread_cost.py --kind connect-and-query --project-id 1 --gid 1

--kind bare: the thread does nothing. --kind connect-and-query: it opens its own PyMySQL
connection (as the Flask peer's threads do: no TLS), runs one gid's max-CPU query (the
peer's get_max_cpu), and closes it: what one of the article's threads does.
--threads N starts N at once and joins them all, as a page does with N gids. Prints one
JSON line: each sample's wall time for the whole batch, and per thread."""
import argparse
import json
import os
import platform
import sys
import time
from threading import Thread

import pymysql
from sqlalchemy.engine import make_url


def bare() -> None:
    pass


def connect_and_query(url, project_id: int, gid: int) -> None:
    connection = pymysql.connect(host=url.host, port=url.port or 3306, user=url.username, password=url.password,
                                 database=url.database, ssl_disabled=True)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT MAX(cpu_percent) AS max_cpu FROM cpu_samples WHERE project_id = %s AND gid = %s",
                           (project_id, gid))
            cursor.fetchall()
    finally:
        connection.close()


def batch_ms(target, args: tuple, threads: int) -> float:
    started = time.perf_counter()
    running = [Thread(target=target, args=args) for _ in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=["bare", "connect-and-query"], default="bare")
    parser.add_argument("--threads", type=int, default=1, help="threads started at once per sample (default 1)")
    parser.add_argument("--samples", type=int, default=30, help="timed samples, after one untimed warm-up (default 30)")
    parser.add_argument("--project-id", type=int, default=1, help="connect-and-query: the project of the gid queried (default 1)")
    parser.add_argument("--gid", type=int, default=1, help="connect-and-query: the gid whose max CPU is queried (default 1)")
    options = parser.parse_args()
    if options.threads < 1 or options.samples < 1:
        parser.error("--threads and --samples must be at least 1")

    if options.kind == "bare":
        target, args = bare, ()
    else:
        if not os.environ.get("MYSQL_URL", "").startswith("mysql://"):
            parser.error("--kind connect-and-query needs MYSQL_URL=mysql://user:pass@host:port/db")
        target, args = connect_and_query, (make_url(os.environ["MYSQL_URL"]), options.project_id, options.gid)
        target(*args)  # in this thread first: an unreachable database fails here, in one line

    batch_ms(target, args, options.threads)
    samples = [batch_ms(target, args, options.threads) for _ in range(options.samples)]
    print(json.dumps({
        "runtime": f"{platform.python_implementation()} {platform.python_version()}",
        "kind": options.kind,
        "threads": options.threads,
        "samplesMs": samples,
        "perThreadMs": [sample / options.threads for sample in samples],
    }))


if __name__ == "__main__":
    try:
        main()
    except pymysql.err.MySQLError as error:
        print(f"error: cannot reach the database at MYSQL_URL: {error.args[0]}: {error.args[-1]}", file=sys.stderr)
        sys.exit(1)
