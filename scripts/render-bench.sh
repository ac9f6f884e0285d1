#!/usr/bin/env bash
# Measures the dashboard on a 100-layer run: ms per render (one C# render tick + the drawing it caused) and frames per
# second while it streams, in the real product and headless Chromium (bench/GradientService.Bench, command `render`).
# GS_BENCH_STEPS sets the run's length (default 10,000); extra arguments go to the command (e.g. --repeat 5 --json f;
# --first-look with GS_BENCH_STEPS=100000: opening a finished run instead, ms to its first charts and to fully interactive).
# The machine is shared: the report gives the median of the repetitions and the load average beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/GradientService.Bench -- render --steps "${GS_BENCH_STEPS:-10000}" "$@"
