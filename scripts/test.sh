#!/usr/bin/env bash
# Runs every test of the solution in Release (the engine's numeric tests are slow unoptimised).
# Browser tests need Debian's chromium; install it when it is missing (root on Debian 12, as on CI).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d tests/E2E.Tests ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
dotnet test GradientService.sln -c Release "$@"
