#!/usr/bin/env bash
# Makes sure a database can be had, and installs mariadb-server (with apt-get, as root on
# a Debian-like machine) when it cannot; otherwise says, in one line, what to do. The
# package's own service is not started: the harness starts its own throwaway servers.
#   ensure-database-server.sh          make bench: MYSQL_URL, a Docker engine, or a server binary
#   ensure-database-server.sh --local  make test: a mariadbd/mysqld binary (MYSQLD, or on PATH),
#                                      also next to Docker: the local-provider and fault tests
#                                      start and kill servers of their own
set -euo pipefail
PATH="$PATH:/usr/sbin:/usr/local/sbin:/usr/libexec"
need_binary="${1:-}"

has_binary() {
  if [ -n "${MYSQLD:-}" ]; then [ -x "$MYSQLD" ]; return; fi
  command -v mariadbd >/dev/null || command -v mysqld >/dev/null
}

if [ "$need_binary" != --local ]; then
  if [ -n "${MYSQL_URL:-}" ]; then exit 0; fi
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then exit 0; fi
fi
if has_binary; then exit 0; fi
if [ -n "${MYSQLD:-}" ]; then
  echo "MYSQLD=$MYSQLD is not an executable file: point it at a mariadbd or mysqld (e.g. from scripts/fetch-mysql.sh)" >&2
  exit 1
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-database-server: no mariadbd or mysqld found; installing mariadb-server with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq mariadb-server >/dev/null
  exit 0
fi
if [ "$need_binary" = --local ]; then
  echo "make test needs a mariadbd or mysqld binary (install mariadb-server, or set MYSQLD to one; scripts/fetch-mysql.sh fetches MySQL on Debian)" >&2
else
  echo "no database: set MYSQL_URL, start Docker, or install mariadb-server (apt-get install -y mariadb-server)" >&2
fi
exit 1
