#!/usr/bin/env bash
# Installs the Flask peer's pinned dependencies into peers/flask/.venv, when python3 >= 3.10
# is there. Without it, one line says so and the exit code is 0: everything else runs,
# and the harness skips this peer with the same reason (peers/flask/target.ts).
set -euo pipefail
cd "$(dirname "$0")"
python="${PYTHON:-python3}"

# The same check as peers/flask/target.ts; Debian ships ensurepip in python3-venv.
if ! "$python" -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  found="$("$python" --version 2>/dev/null || true)"
  echo "flask peer: skipped, it needs python3 >= 3.10 with venv (found: ${found:-no python3}); install python3 and python3-venv to measure it" >&2
  exit 0
fi

rm -rf .venv
"$python" -m venv .venv

echo "flask peer: pip install -r peers/flask/requirements.txt into peers/flask/.venv (retries: ${PIP_RETRIES:-pip default})"
started=$SECONDS
# pip's output is kept for a failure: on a machine without PyPI it warns once per package.
if ! .venv/bin/pip install --disable-pip-version-check --requirement requirements.txt >.venv/pip-install.log 2>&1; then
  tail -n 20 .venv/pip-install.log >&2
  echo "flask peer: pip install failed (above; whole log in peers/flask/.venv/pip-install.log); fix it and run make peers again" >&2
  exit 1
fi
touch .venv/.installed
echo "flask peer: installed in $((SECONDS - started)) s"
