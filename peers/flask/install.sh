#!/usr/bin/env bash
# Installs the Flask peer's pinned dependencies into peers/flask/.venv, when python3 >= 3.10
# is there. Without it, one line says so and the exit code is 0: everything else runs,
# and the harness skips this peer with the same reason (peers/flask/target.ts).
set -euo pipefail
cd "$(dirname "$0")"
python="${PYTHON:-python3}"

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  found="$("$python" --version 2>&1 || true)"
  echo "flask peer: skipped, it needs python3 >= 3.10 (found: ${found:-none}); install python3 and python3-venv to measure it" >&2
  exit 0
fi

rm -rf .venv
if ! "$python" -m venv .venv >/dev/null 2>venv-error.log; then
  echo "flask peer: skipped, \`$python -m venv\` failed: install python3-venv ($(tail -n 1 venv-error.log))" >&2
  rm -rf .venv venv-error.log
  exit 0
fi
rm -f venv-error.log

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
