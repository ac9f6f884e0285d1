#!/usr/bin/env bash
# Runs every test of the solution in Release (the engine's numeric tests are slow unoptimised), then the store's tests
# again on a throwaway PostgreSQL (scripts/with-postgres.sh; Storage:Provider=postgres): the Api tests that store, query,
# record, export, queue, resume and backfill (about 3 minutes), and the scaled mode's tests (tests/Api.Tests/ScaleOut:
# several Api processes on that PostgreSQL and a throwaway Redis of their own). The engine, validation, docs and browser
# tests do not touch the store and run once; so do the tests of SQLite files (a stored v1 file; the killed process, whose
# child Api is started on SQLite). Browser tests need Debian's chromium, the scaled mode Debian's redis-server; both are
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
store_tests="(FullyQualifiedName~.Api.Tests.Storage.|FullyQualifiedName~.Api.Tests.Telemetry.|FullyQualifiedName~.Api.Tests.Workers.\
|FullyQualifiedName~.Api.Tests.Sweeps.|FullyQualifiedName~.Api.Tests.Hubs.|FullyQualifiedName~RunsEndpointsTests\
|FullyQualifiedName~SeriesEndpointsTests|FullyQualifiedName~ExportEndpointsTests|FullyQualifiedName~EpisodesEndpointsTests\
|FullyQualifiedName~OutputDepthsEndpointsTests|FullyQualifiedName~RunDiagnosisTests|FullyQualifiedName~.Api.Tests.ScaleOut.)\
&FullyQualifiedName!~StoredV1DatabaseTests&FullyQualifiedName!~ProcessKillTests"
bash scripts/with-postgres.sh dotnet test tests/Api.Tests -c Release --no-build --filter "$store_tests"
