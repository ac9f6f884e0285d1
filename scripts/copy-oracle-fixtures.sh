#!/usr/bin/env bash
# Regenerates the oracle's fixtures (PyTorch gradients) and copies them into the engine's tests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oracle="$root/../shared/oracle"
(cd "$oracle" && ./run.sh fixtures fixtures)
cp "$oracle"/fixtures/* "$root/tests/Core.Tests/Fixtures/"
