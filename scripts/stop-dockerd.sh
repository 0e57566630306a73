#!/usr/bin/env bash
# Stops the dockerd that scripts/build-test-image.sh started (and only that one: a
# daemon someone else started has no pid file here).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pidfile="$root/.cache/test-image/dockerd.pid"

if [ ! -s "$pidfile" ]; then echo "stop-dockerd: no dockerd started by us"; exit 0; fi
pid="$(cat "$pidfile")"
if ! kill -0 "$pid" 2>/dev/null; then echo "stop-dockerd: dockerd $pid already gone"; rm -f "$pidfile"; exit 0; fi
kill -TERM "$pid"
for _ in $(seq 1 150); do
  kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; echo "stop-dockerd: stopped dockerd $pid"; exit 0; }
  sleep 0.2
done
echo "stop-dockerd: dockerd $pid ignored SIGTERM for 30 s; sending SIGKILL" >&2
kill -KILL "$pid"
