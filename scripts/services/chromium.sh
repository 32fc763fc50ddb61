#!/usr/bin/env bash
# Makes Debian's `chromium` available for the browser tests (the portal pages driven by
# playwright-core with executablePath /usr/bin/chromium). Idempotent: does nothing when the
# binary is already there. playwright-core never downloads a browser of its own.
set -euo pipefail

CHROMIUM="${STRATA_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: $CHROMIUM is missing and apt-get is not available; install Chromium and set STRATA_CHROMIUM" >&2
  exit 1
fi

SUDO=''
if [ "$(id -u)" -ne 0 ]; then SUDO='sudo'; fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core

echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
