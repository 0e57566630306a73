#!/usr/bin/env bash
# Builds, on this machine, an image that exercises the Testcontainers path where no
# image can be pulled, with scripts/test-image/entry.sh (the official image's variables):
#   build-test-image.sh [mariadb]  settings-bench/mariadb:10.11-local: a Debian bookworm root
#                                  filesystem with mariadb-server, from the apt mirror this
#                                  machine already uses
#   build-test-image.sh mysql      settings-bench/mysql:<major.minor>-local: a bookworm base
#                                  plus the MySQL tree of scripts/fetch-mysql.sh at /opt/mysql
#                                  (self-contained: it runs through its own loader there too)
# Use it with: MYSQL_IMAGE=<image> CONTAINER_NETWORK=host (TEST_IMAGE=<image> for the test).
# Starts dockerd without a bridge network when none is running (stop it with
# scripts/stop-dockerd.sh). Idempotent: skips when the image exists; the slow
# debootstrap results are cached under .cache/test-image/.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
flavor="${1:-mariadb}"
cache="$root/.cache/test-image"
mkdir -p "$cache"

case "$flavor" in
  mariadb|mysql) ;;
  *) echo "usage: build-test-image.sh [mariadb|mysql]" >&2; exit 2 ;;
esac
if [ "$(id -u)" != 0 ]; then
  echo "build-test-image: needs root (dockerd, debootstrap)" >&2; exit 1
fi
for tool in dockerd docker debootstrap; do
  command -v "$tool" >/dev/null || { echo "build-test-image: $tool missing (apt-get install -y docker.io debootstrap)" >&2; exit 1; }
done

# --bridge=none etc.: this machine may not create network interfaces or touch iptables,
# and must never use a private-range address; containers run with --network host.
start_dockerd() {
  if docker info >/dev/null 2>&1; then return; fi
  echo "build-test-image: starting dockerd (log: $cache/dockerd.log)"
  setsid dockerd --bridge=none --iptables=false --ip6tables=false \
    --pidfile="$cache/dockerd.pid" >>"$cache/dockerd.log" 2>&1 < /dev/null &
  for _ in $(seq 1 100); do
    docker info >/dev/null 2>&1 && return
    sleep 0.2
  done
  echo "build-test-image: dockerd did not come up; last log lines:" >&2
  tail -n 20 "$cache/dockerd.log" >&2; exit 1
}

# The first bookworm mirror named by apt's sources (deb822 .sources, then one-line .list).
apt_mirror() {
  local uri
  uri="$(awk '/^URIs:/ { u = $2 } /^Suites:/ && / bookworm( |$)/ { print u; exit }' \
    /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
  if [ -z "$uri" ]; then
    uri="$(sed -e 's/\[[^]]*\]//' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' || true)"
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

# A bookworm root filesystem as a tar, with extra packages (comma-separated, may be empty).
debootstrap_tar() {
  local tar="$1" include="$2" rootfs="$cache/rootfs" mirror
  [ -f "$tar" ] && return
  mirror="$(apt_mirror)"
  echo "build-test-image: debootstrap bookworm ${include:++ $include }from $mirror (about 90 s)"
  rm -rf "$rootfs"
  debootstrap --variant=minbase ${include:+--include="$include"} bookworm "$rootfs" "$mirror" \
    >"$cache/debootstrap.log" 2>&1 || { tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -cf "$tar.partial" .
  mv "$tar.partial" "$tar"
  rm -rf "$rootfs"
}

# Files added to a copy of the cached base, so that editing entry.sh or refetching MySQL
# never invalidates the slow debootstrap.
start_work_tar() {
  cp "$1" "$work_tar"
  tar -rf "$work_tar" --owner=0 --group=0 --mode=0755 -C "$root/scripts/test-image" ./entry.sh
}

# MySQL's datadir is initialised now, on the host, with the same unpacked server: each
# container then starts in seconds instead of initialising for ten (as the official
# image does on every start).
add_mysql() {
  local mysqld="$1" datadir="$cache/mysql-datadir"
  if [ ! -f "$datadir/ready" ]; then
    rm -rf "$datadir" && mkdir -p "$datadir"
    "$mysqld" --no-defaults --initialize-insecure --datadir="$datadir/mysql" --user=root \
      --log-error="$cache/mysql-initialize.log" || { tail -n 20 "$cache/mysql-initialize.log" >&2; exit 1; }
    touch "$datadir/ready"
  fi
  tar -rf "$work_tar" --owner=0 --group=0 -C "$root/.tools/mysql" --transform 's,^\.,./opt/mysql,' ./bin ./root
  tar -rf "$work_tar" --owner=0 --group=0 -C "$datadir/mysql" --transform 's,^\.,./var/lib/mysql,' .
}

start_dockerd
work_tar="$cache/image-$flavor.tar"
if [ "$flavor" = mariadb ]; then
  image="${TEST_IMAGE:-settings-bench/mariadb:10.11-local}"
  if docker image inspect "$image" >/dev/null 2>&1; then echo "build-test-image: $image already exists"; exit 0; fi
  debootstrap_tar "$cache/bookworm-mariadb-rootfs.tar" mariadb-server
  start_work_tar "$cache/bookworm-mariadb-rootfs.tar"
else
  mysqld="$("$root/scripts/fetch-mysql.sh")"
  release="$("$mysqld" --version | sed -n 's/.* Ver \([0-9]*\.[0-9]*\)\..*/\1/p')"
  image="${TEST_IMAGE:-settings-bench/mysql:$release-local}"
  if docker image inspect "$image" >/dev/null 2>&1; then echo "build-test-image: $image already exists"; exit 0; fi
  debootstrap_tar "$cache/bookworm-minbase-rootfs.tar" ""
  start_work_tar "$cache/bookworm-minbase-rootfs.tar"
  add_mysql "$mysqld"
fi
docker import --change 'ENTRYPOINT ["/entry.sh"]' "$work_tar" "$image" >/dev/null
rm -f "$work_tar"
echo "build-test-image: built $image"
