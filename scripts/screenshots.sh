#!/usr/bin/env bash
# Regenerates docs/screenshots: the browser tests drive the real dashboard in headless Chromium and save what they see.
set -euo pipefail
cd "$(dirname "$0")/.."
GS_SCREENSHOTS="$PWD/docs/screenshots" dotnet test tests/E2E.Tests -c Release "$@"
