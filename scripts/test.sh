#!/usr/bin/env bash
# Runs every test of the solution in Release (the engine's numeric tests are slow unoptimised), then the Api tests that
# reach the store again on a throwaway PostgreSQL (scripts/with-postgres.sh; Storage:Provider=postgres) with the scaled
# mode's tests (tests/Api.Tests/ScaleOut: several Api processes on that PostgreSQL and a throwaway Redis of their own).
# The PostgreSQL pass runs the folders whose tests write or query the store (Storage, with StoreParityTests answering every
# query endpoint on SQLite and on the store under test side by side; Series, Telemetry, Hubs, Workers, Sweeps, ScaleOut) and
# the endpoint tests that list, search, page, export or write runs; the request validation, documentation, deployment and
# security tests and the end-to-end tests of the engine's nets do not depend on the store and run once, on SQLite. So do the
# tests of SQLite files (a stored v1 file; the killed process, whose child Api is started on SQLite). The engine, dashboard
# and browser tests do not touch the store. Browser tests need Debian's chromium, the scaled mode Debian's redis-server;
# both are installed when missing (root on Debian 12, as on CI).
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
# The store-dependent Api tests again on PostgreSQL, with the scaled mode's tests; not the tests of SQLite files.
store_tests="FullyQualifiedName~.Api.Tests.Storage.|FullyQualifiedName~.Api.Tests.Series.|FullyQualifiedName~.Api.Tests.Telemetry."
store_tests+="|FullyQualifiedName~.Api.Tests.Hubs.|FullyQualifiedName~.Api.Tests.Workers.|FullyQualifiedName~.Api.Tests.Sweeps."
store_tests+="|FullyQualifiedName~.Api.Tests.ScaleOut.|FullyQualifiedName~.Api.Tests.Endpoints.RunsEndpointsTests."
store_tests+="|FullyQualifiedName~.Api.Tests.Endpoints.SearchRunsEndToEndTests.|FullyQualifiedName~.Api.Tests.Endpoints.SeriesEndpointsTests."
store_tests+="|FullyQualifiedName~.Api.Tests.Endpoints.EpisodesEndpointsTests.|FullyQualifiedName~.Api.Tests.Endpoints.ExportEndpointsTests."
store_tests+="|FullyQualifiedName~.Api.Tests.Endpoints.PackedSeriesTests.|FullyQualifiedName~.Api.Tests.Endpoints.RemediesEndpointsTests."
bash scripts/with-postgres.sh dotnet test tests/Api.Tests -c Release --no-build \
  --filter "($store_tests)&FullyQualifiedName!~StoredV1DatabaseTests&FullyQualifiedName!~ProcessKillTests"
