#!/usr/bin/env bash
# Our engine against libtorch side by side (issue 7): for each config of the engine benchmark, the oracle
# (../shared/oracle: libtorch 2.10 through TorchSharp, 1 and 2 threads) and then ours, one right after the other,
# so both see the same state of a noisy host. Prints our table with libtorch's better figure and the ratio.
#   scripts/bench-vs-torch.sh [--float64] [--threads 2] [--only text] [--against DIR]   (ORACLE=path to the oracle folder)
# --against DIR: also runs the benchmark of another checkout (e.g. a worktree of the commit before a change) right after
# ours on each config, so a change is measured before and after in the same minutes; its line is marked "before".
set -euo pipefail
cd "$(dirname "$0")/.."
oracle=${ORACLE:-../shared/oracle}
[ -x "$oracle/run.sh" ] || { echo "no oracle at $oracle (set ORACLE=path to shared/oracle)" >&2; exit 2; }
out=$(mktemp -d)
threads=2 only="" against="" dtype=() ours=()
while [ $# -gt 0 ]; do
  case "$1" in
    --float64) dtype=(--dtype float64); ours+=(--float64) ;;
    --threads) threads=$2; shift ;;
    --only) only=$2; shift ;;
    --against) against=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
configs=("mlp tanh D10 W64 B32" "mlp sigmoid D20 W128 B64" "mlp relu D50 W256 B64" "mlp relu D20 W512 B128"
         "mlp relu D8 W1024 B256" "rnn tanh H128 I8 T100 B32" "lstm H128 I8 T100 B32" "gru H128 I8 T100 B32"
         "transformer pre-LN L4 D64 H4 T32 B32" "transformer post-LN L4 D64 H4 T32 B32"
         "cnn plain D6 C16 B64" "resnet D8 C16 B64")
dotnet build -c Release bench/GradientService.Bench -v q -nologo >/dev/null
bench=bench/GradientService.Bench/bin/Release/net10.0/GradientService.Bench.dll
if [ -n "$against" ]; then
  dotnet build -c Release "$against/bench/GradientService.Bench" -v q -nologo >/dev/null
  before="$against/bench/GradientService.Bench/bin/Release/net10.0/GradientService.Bench.dll"
fi
echo "host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for c in "${configs[@]}"; do
  [[ -n "$only" && "$c" != *"$only"* ]] && continue
  for t in 1 2; do
    # The oracle now and then exits early without a word on this host: try again before giving up.
    for attempt in 1 2 3; do
      rm -f "$out/torch-$t.json"
      # glibc keeps its freed memory: libtorch's best setting for the conv nets (the oracle's README, resnet figures).
      MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296 "$oracle/run.sh" bench --only "$c" --threads $t --repeats 5 --seconds 0.3 "${dtype[@]}" --json "$out/torch-$t.json" > "$out/oracle.log" 2>&1 && break
      echo "the oracle failed on '$c' ($t thread(s)), attempt $attempt: $(tail -n 3 "$out/oracle.log")" >&2
    done
    [ -s "$out/torch-$t.json" ] || exit 1
  done
  dotnet "$bench" engine --only "$c" --threads "$threads" "${ours[@]}" --torch "$out/torch-1.json,$out/torch-2.json" > "$out/ours.txt"
  [ -n "${header:-}" ] || { sed -n 1,2p "$out/ours.txt"; header=1; }
  tail -n 1 "$out/ours.txt"
  if [ -n "$against" ]; then
    dotnet "$before" engine --only "$c" --threads "$threads" "${ours[@]}" --torch "$out/torch-1.json,$out/torch-2.json" > "$out/before.txt"
    echo "before: $(tail -n 1 "$out/before.txt")"
  fi
done
echo "host after: load $(cut -d' ' -f1-3 /proc/loadavg)"
