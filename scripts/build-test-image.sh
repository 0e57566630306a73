#!/usr/bin/env bash
# Builds, on this machine, the MariaDB image that exercises the Testcontainers path
# where no image can be pulled: a Debian bookworm root filesystem with mariadb-server
# from the apt mirror this machine already uses, plus scripts/test-image/entry.sh.
# Use it with: MYSQL_IMAGE=settings-bench/mariadb:10.11-local CONTAINER_NETWORK=host
# Starts dockerd without a bridge network when none is running (stop it with
# scripts/stop-dockerd.sh). Idempotent: skips when the image exists; the slow
# debootstrap result is cached under .cache/test-image/.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
image="${TEST_IMAGE:-settings-bench/mariadb:10.11-local}"
cache="$root/.cache/test-image"
base_tar="$cache/bookworm-mariadb-rootfs.tar"
mkdir -p "$cache"

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

build_base_tar() {
  local rootfs="$cache/rootfs" mirror
  mirror="$(apt_mirror)"
  echo "build-test-image: debootstrap bookworm + mariadb-server from $mirror (about 90 s)"
  rm -rf "$rootfs"
  debootstrap --variant=minbase --include=mariadb-server bookworm "$rootfs" "$mirror" \
    >"$cache/debootstrap.log" 2>&1 || { tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -cf "$base_tar.partial" .
  mv "$base_tar.partial" "$base_tar"
  rm -rf "$rootfs"
}

start_dockerd
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "build-test-image: $image already exists"; exit 0
fi
[ -f "$base_tar" ] || build_base_tar

# entry.sh is appended to a copy so that editing it never invalidates the slow cache.
work_tar="$cache/image.tar"
cp "$base_tar" "$work_tar"
tar -rf "$work_tar" --owner=0 --group=0 --mode=0755 -C "$root/scripts/test-image" ./entry.sh
docker import --change 'ENTRYPOINT ["/entry.sh"]' "$work_tar" "$image" >/dev/null
rm -f "$work_tar"
echo "build-test-image: built $image"
