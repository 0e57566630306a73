#!/usr/bin/env bash
# For `make test`: installs Chromium for the browser test where Debian's package exists
# (root, apt-get, Debian; on Ubuntu the apt package is only a stub for the snap). Elsewhere
# it does nothing: the browser test then fails with one line naming CHROME_PATH and
# SKIP_BROWSER_TESTS. bench/tools/chromium.ts is the one place that knows where to look.
set -euo pipefail
cd "$(dirname "$0")/.."

# A CHROME_PATH that is wrong is the user's to fix; installing another browser would hide it.
if [ "${SKIP_BROWSER_TESTS:-}" = 1 ] || [ -n "${CHROME_PATH:-}" ]; then exit 0; fi
found='const { findChromium } = await import("./bench/chromium.ts");
process.exit("path" in findChromium(undefined) ? 0 : 1);'
if node --input-type=module -e "$found"; then exit 0; fi

distribution="$(. /etc/os-release 2>/dev/null && echo "${ID:-}")"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ "$distribution" = debian ]; then
  echo "ensure-chromium: no Chromium found; installing chromium with apt-get for the browser test" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
