#!/usr/bin/env bash
# Makes the PostgreSQL server binaries (initdb, postgres) available for the PostgreSQL-backed tests
# (the control-plane example runs on SQLite and on PostgreSQL). Idempotent: does nothing when they are
# already installed. Tests create, start and stop their own throwaway cluster (test/services/postgres.ts);
# this script only installs the binaries.
set -euo pipefail

find_bindir() {
  if command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1; then
    dirname "$(command -v postgres)"
    return 0
  fi
  # Debian keeps the server binaries off PATH, one directory per major version; take the newest.
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then
    echo "$dir"
    return 0
  fi
  return 1
}

if bindir="$(find_bindir)"; then
  echo "postgres: $("$bindir/postgres" --version) in $bindir"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "postgres: initdb/postgres are missing and apt-get is not available; install PostgreSQL 13 or newer" >&2
  exit 1
fi

SUDO=''
if [ "$(id -u)" -ne 0 ]; then SUDO='sudo'; fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends postgresql

# The Debian package may start a system cluster on 5432; the tests never use it, so leave it be.
bindir="$(find_bindir)"
echo "postgres: $("$bindir/postgres" --version) in $bindir"
