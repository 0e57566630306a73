#!/bin/sh
# Entrypoint of the locally built test images (scripts/build-test-image.sh): a stand-in
# for the official mysql image where no image can be pulled, for MariaDB (its Debian
# package) and for MySQL (the tree scripts/fetch-mysql.sh unpacked, at /opt/mysql). It
# honours the official image's variables (MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD,
# MYSQL_ROOT_PASSWORD) so bench/tools/db/testcontainers.ts has one code path for all images.
# MYSQL_TCP_PORT picks the port because with --network host the container shares the
# host's ports. Arguments are extra server options; they come last, so they override the defaults.
set -eu

datadir=/var/lib/mysql
port="${MYSQL_TCP_PORT:-3306}"
mysql_root=/opt/mysql
mkdir -p /run/mysqld

# Initialised when the image was built (Debian's postinst for MariaDB, mysqld
# --initialize-insecure for MySQL); each container writes to its own copy-on-write
# layer, so reusing it is safe and saves seconds per start.
if [ ! -d "$datadir/mysql" ]; then
  if [ -x "$mysql_root/bin/mysqld" ]; then
    "$mysql_root/bin/mysqld" --no-defaults --initialize-insecure --datadir="$datadir" --user=root >/dev/null 2>&1
  else
    mariadb-install-db --no-defaults --datadir="$datadir" --user=root \
      --auth-root-authentication-method=normal --skip-test-db >/dev/null
  fi
fi

# The init file cannot take placeholders, so values are escaped as SQL literals. One
# statement per line, no comments: MySQL's --init-file parser is strict about both.
sql_string() { printf "'%s'" "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e "s/'/''/g")"; }
sql_ident() { printf '`%s`' "$(printf '%s' "$1" | sed -e 's/`/``/g')"; }

init=/run/mysqld/init.sql
umask 077
{
  if [ -n "${MYSQL_ROOT_PASSWORD:-}" ]; then
    echo "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY $(sql_string "$MYSQL_ROOT_PASSWORD");"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
  fi
  if [ -n "${MYSQL_DATABASE:-}" ]; then
    echo "CREATE DATABASE IF NOT EXISTS $(sql_ident "$MYSQL_DATABASE");"
  fi
  if [ -n "${MYSQL_USER:-}" ]; then
    echo "CREATE USER IF NOT EXISTS $(sql_string "$MYSQL_USER")@'%' IDENTIFIED BY $(sql_string "${MYSQL_PASSWORD:-}");"
    if [ -n "${MYSQL_DATABASE:-}" ]; then
      echo "GRANT ALL ON $(sql_ident "$MYSQL_DATABASE").* TO $(sql_string "$MYSQL_USER")@'%';"
    fi
  fi
} >"$init"

# Defaults match bench/tools/db/server-options.ts (the harness passes its own values as
# arguments; these make a bare `docker run` behave the same).
set -- --datadir="$datadir" --bind-address=127.0.0.1 --port="$port" \
  --socket=/run/mysqld/mysqld.sock --init-file="$init" \
  --max-connections=5000 --open-files-limit=9512 --table-open-cache=2000 \
  --local-infile=1 --skip-name-resolve --connect-timeout=60 --innodb-buffer-pool-size=512M \
  --innodb-flush-log-at-trx-commit=2 --sync-binlog=0 --skip-log-bin \
  --innodb-buffer-pool-dump-at-shutdown=OFF --innodb-buffer-pool-load-at-startup=OFF \
  "$@"
if [ -x "$mysql_root/bin/mysqld" ]; then
  # As bench/tools/db/local-server.ts: no X protocol port, and a secure_file_priv folder that exists.
  mkdir -p /var/lib/mysql-files
  exec "$mysql_root/bin/mysqld" --no-defaults --user=root --mysqlx=OFF --secure-file-priv=/var/lib/mysql-files "$@"
fi
exec mariadbd --no-defaults --user=root "$@"
