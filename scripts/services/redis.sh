#!/usr/bin/env bash
# Makes `redis-server` available for the Redis-backed tests (rate limits shared by several
# instances). Idempotent: does nothing when redis-server is already on PATH. Tests start and stop
# their own throwaway server (see test/services/redis.ts); this script only installs the binary.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  echo "redis: $(redis-server --version | head -n 1)"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "redis: redis-server is missing and apt-get is not available; install Redis 6 or newer" >&2
  exit 1
fi

SUDO=''
if [ "$(id -u)" -ne 0 ]; then SUDO='sudo'; fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends redis-server

# The Debian package may start a system service on 6379; the tests never use it, so leave it be.
echo "redis: $(redis-server --version | head -n 1)"
