#!/usr/bin/env bash
# Makes sure the harness will find a database: MYSQL_URL, a Docker engine, or a
# mariadbd/mysqld binary. On a Debian-like machine where we are root, installs
# mariadb-server (the package's own service is not started; the harness starts its
# own throwaway server). Otherwise says, in one line, what to do.
set -euo pipefail
PATH="$PATH:/usr/sbin:/usr/local/sbin:/usr/libexec"

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
