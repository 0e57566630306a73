#!/usr/bin/env bash
# Makes sure the harness and the tests will find a database: MYSQL_URL, a Docker engine,
# or a mariadbd/mysqld binary (MYSQLD, or on PATH). On a Debian-like machine where we are
# root, installs mariadb-server (the package's own service is not started; the harness
# starts its own throwaway server). Otherwise says, in one line, what to do. With Docker
# and no binary, the tests that start and kill a server process of their own skip and
# say why (test/support/local-server.ts).
set -euo pipefail
PATH="$PATH:/usr/sbin:/usr/local/sbin:/usr/libexec"

if [ -n "${MYSQLD:-}" ]; then
  [ -x "$MYSQLD" ] && exit 0
  echo "MYSQLD=$MYSQLD is not an executable file: point it at a mariadbd or mysqld (scripts/fetch-mysql.sh fetches MySQL on Debian)" >&2
  exit 1
fi
if [ -n "${MYSQL_URL:-}" ]; then exit 0; fi
if command -v mariadbd >/dev/null || command -v mysqld >/dev/null; then exit 0; fi
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then exit 0; fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-database-server: no database found; installing mariadb-server with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq mariadb-server >/dev/null
  exit 0
fi
echo "no database: set MYSQL_URL, start Docker, or install mariadb-server (apt-get install -y mariadb-server)" >&2
exit 1
