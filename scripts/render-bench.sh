#!/usr/bin/env bash
# Measures the dashboard on a 100-layer run: render time per update (C# shaping + chart draws) and frames per second
# while it streams. Prints render-benchmark.json; GS_BENCH_STEPS sets the run's length (default here 10,000).
set -euo pipefail
cd "$(dirname "$0")/.."
GS_BENCH_STEPS="${GS_BENCH_STEPS:-10000}" dotnet test tests/E2E.Tests -c Release --filter "FullyQualifiedName~RenderBenchmarkTests" "$@"
cat tests/E2E.Tests/bin/Release/net10.0/render-benchmark.json
