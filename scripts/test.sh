#!/usr/bin/env bash
# Runs every test of the solution in Release (the engine's numeric tests are slow unoptimised), then the whole Api suite
# again on a throwaway PostgreSQL (scripts/with-postgres.sh; Storage:Provider=postgres; about 4 minutes) with the scaled
# mode's tests (tests/Api.Tests/ScaleOut: several Api processes on that PostgreSQL and a throwaway Redis of their own).
# The engine, dashboard and browser tests do not touch the store and run once; so do the tests of SQLite files (a stored
# v1 file; the killed process, whose child Api is started on SQLite). Browser tests need Debian's chromium, the scaled mode Debian's redis-server; both are
# installed when missing (root on Debian 12, as on CI).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the browser and scaled-mode tests…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
dotnet test GradientService.sln -c Release --filter "FullyQualifiedName!~.Api.Tests.ScaleOut." "$@"
# The whole Api suite again on PostgreSQL, with the scaled mode's tests; not the tests of SQLite files.
bash scripts/with-postgres.sh dotnet test tests/Api.Tests -c Release --no-build \
  --filter "FullyQualifiedName!~StoredV1DatabaseTests&FullyQualifiedName!~ProcessKillTests"
