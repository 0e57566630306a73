#!/usr/bin/env bash
# Fetches Oracle MySQL (9.7, the LTS after 8.4) from Debian's unstable suite into
# .tools/mysql/ and prints the path of its mysqld, for MYSQLD / --mysqld:
#   MYSQLD="$(scripts/fetch-mysql.sh)" make test
# Why this way: no Debian suite reachable here has MySQL 8.x, and unstable's 9.7 cannot
# be installed next to mariadb-server (it conflicts with it and needs a newer glibc than
# bookworm's). So the packages and every library they need are downloaded with a private
# apt configuration (the system's apt state is never touched), unpacked with dpkg-deb,
# and run through the glibc loader unpacked with them. The wrappers in .tools/mysql/bin/
# are the one place that knows this; LD_LIBRARY_PATH is never set for anyone else.
# Idempotent: a second run only prints the path. Linux x86_64, apt-get and dpkg-deb needed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools/mysql"
apt_dir="$root/.cache/mysql-apt"
suite="${MYSQL_DEBIAN_SUITE:-unstable}"
mirror="${MYSQL_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
packages=(mysql-server-core mysql-client-core)
mysqld="$tools/bin/mysqld"

fail() { echo "fetch-mysql: $*" >&2; exit 1; }

if [ -x "$mysqld" ] && "$mysqld" --version >/dev/null 2>&1; then echo "$mysqld"; exit 0; fi
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || fail "only Linux x86_64 is supported (the unpacked loader is ld-linux-x86-64)"
for tool in apt-get dpkg-deb; do command -v "$tool" >/dev/null || fail "$tool missing: this script needs a Debian-like system"; done

# Everything apt reads or writes lives under $apt_dir; status=/dev/null makes apt
# resolve the whole dependency closure as if nothing were installed, so the unpacked
# tree needs no library from this system.
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" >"$apt_dir/sources.list"
apt_options=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir" -o "Dir::Cache::archives=$apt_dir/archives"
  -o Dir::State::status=/dev/null -o APT::Architecture=amd64 -o APT::Architectures=amd64
  -o Debug::NoLocking=true
)
# apt drops to the _apt user for downloads, which cannot write into a root-owned tree.
if [ "$(id -u)" = 0 ]; then apt_options+=(-o APT::Sandbox::User=root); fi

echo "fetch-mysql: reading Debian $suite's package index from $mirror" >&2
apt-get "${apt_options[@]}" -qq update >"$apt_dir/update.log" 2>&1 \
  || fail "apt-get update for Debian $suite failed: $(grep -m1 -E '^(E|W):' "$apt_dir/update.log" || tail -n 1 "$apt_dir/update.log")"

# The closure by name, from the index just read: no version is written down here, so the
# script keeps working as unstable moves, and says so in one line when it no longer can.
# perl is a dependency of MySQL's helper scripts only; mysqld and mysql do not load it.
if ! plan="$(apt-get "${apt_options[@]}" install -s --no-install-recommends "${packages[@]}" 2>&1)"; then
  fail "Debian $suite no longer provides ${packages[*]} with all their dependencies ($(grep -m1 '^E:' <<<"$plan" || echo "apt-get refused"))"
fi
closure=()
while read -r name; do closure+=("$name"); done < <(awk '/^Inst / { print $2 }' <<<"$plan" | grep -vE '^(perl|libperl)')
version="$(awk '/^Inst mysql-server-core / { gsub(/[()]/, "", $3); print $3 }' <<<"$plan")"
[ -n "$version" ] || fail "Debian $suite has no installable mysql-server-core"

echo "fetch-mysql: downloading MySQL $version and ${#closure[@]} packages it needs" >&2
rm -f "$apt_dir/debs"/*.deb
(cd "$apt_dir/debs" && apt-get "${apt_options[@]}" -qq download "${closure[@]}" >"$apt_dir/download.log" 2>&1) \
  || fail "downloading from Debian $suite failed: $(grep -m1 '^E:' "$apt_dir/download.log" || tail -n 1 "$apt_dir/download.log")"

# Unpacked beside the final folder and renamed into place: an interrupted run never
# leaves a tree that looks complete.
staging="$tools.partial-$$"
trap 'rm -rf "$staging"' EXIT
rm -rf "$staging" && mkdir -p "$staging/root" "$staging/bin"
echo "fetch-mysql: unpacking into $tools" >&2
for deb in "$apt_dir/debs"/*.deb; do dpkg-deb -x "$deb" "$staging/root"; done
rm -rf "$staging/root/usr/share/doc" "$staging/root/usr/share/man"

# Every MySQL binary runs through the unpacked loader with the unpacked libraries.
# mysqld also gets its --basedir (it would otherwise guess it from the loader's path);
# --no-defaults and --defaults-file must stay its first argument.
write_wrapper() {
  local name="$1" program="$2" basedir="$3"
  cat >"$staging/bin/$name" <<EOF
#!/bin/sh
# Written by scripts/fetch-mysql.sh: $program from Debian $suite ($version), run through
# the glibc loader unpacked with it; no library of this system is used.
root="\$(cd "\$(dirname "\$(readlink -f "\$0")")/../root" && pwd)"
lib="\$root/usr/lib/x86_64-linux-gnu"
EOF
  if [ "$basedir" = yes ]; then
    cat >>"$staging/bin/$name" <<'EOF'
case "${1:-}" in
  --no-defaults|--defaults-file=*|--defaults-extra-file=*) first="$1"; shift; set -- "$first" --basedir="$root/usr" "$@" ;;
  *) set -- --basedir="$root/usr" "$@" ;;
esac
EOF
  fi
  echo "exec \"\$lib/ld-linux-x86-64.so.2\" --library-path \"\$lib\" \"\$root$program\" \"\$@\"" >>"$staging/bin/$name"
  chmod 0755 "$staging/bin/$name"
}
write_wrapper mysqld /usr/sbin/mysqld yes
write_wrapper mysql /usr/bin/mysql no
write_wrapper mysqladmin /usr/bin/mysqladmin no

"$staging/bin/mysqld" --version >/dev/null 2>&1 || fail "the unpacked mysqld does not run: $("$staging/bin/mysqld" --version 2>&1 | head -n 1)"
rm -rf "$tools"
mv "$staging" "$tools"
trap - EXIT
echo "fetch-mysql: $("$mysqld" --version)" >&2
echo "$mysqld"
