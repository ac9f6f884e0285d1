#!/usr/bin/env bash
# Issue #16's sweep figure: a 24-cell sweep of small nets trained by one worker process against two worker processes,
# each pinned to one core (taskset), on one throwaway PostgreSQL (scripts/with-postgres.sh --durable) and one Redis; a
# third line: one process with two single-threaded slots. Prints the wall time of each and the throughput ratio.
#   scripts/bench-sweep-scaled.sh            (after: dotnet build -c Release src/Api)
# Needs Debian's postgresql-15, redis-server and util-linux's taskset; curl.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${GRADIENT_TEST_POSTGRES:-}" ]; then exec bash scripts/with-postgres.sh --durable "$0" "$@"; fi
api=src/Api/bin/Release/net10.0/GradientService.Api.dll
[ -f "$api" ] || { echo "build first: dotnet build -c Release src/Api" >&2; exit 2; }

work=$(mktemp -d); pids=()
stop() { { kill -9 "$1" && wait "$1"; } 2>/dev/null || true; }
cleanup() { for p in "${pids[@]}"; do stop "$p"; done; rm -rf "$work"; }
trap cleanup EXIT
redis_port=$((40000 + RANDOM % 10000))
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >/dev/null &
pids+=($!)
until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.1; done

sweep='{"name":"scaled bench","spec":{"model":{"architecture":"mlp","depth":6,"width":64,"activation":"tanh"},
"data":{"kind":"moons","samples":2000},"optimizer":{"kind":"sgd","learningRate":0.05},
"training":{"steps":1500,"batchSize":32,"evalEvery":500,"seed":1}},
"axes":[{"field":"model.activation","values":["tanh","relu","sigmoid","gelu"]},{"field":"training.seed","values":[1,2,3,4,5,6]}]}'

# start NAME PORT CPUS SETTINGS...: one Api process on its own database schema-compatible store
start() {
  local name=$1 port=$2 cpus=$3; shift 3
  env Storage__Provider=postgres Storage__ConnectionString="$database" Redis__ConnectionString="127.0.0.1:$redis_port" \
    Redis__ChannelPrefix="$database_name" Workers__InstanceId="$name" Workers__PollInterval=00:00:00.200 "$@" \
    taskset -c "$cpus" dotnet "$api" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=($!)
  until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do sleep 0.2; done
}

# measure LABEL: submits the sweep to the first instance and waits until every cell finished
measure() {
  local label=$1 began id status
  began=$(date +%s.%N)
  id=$(curl -fsS -H 'Content-Type: application/json' -d "$sweep" http://127.0.0.1:5301/api/sweeps | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
  while true; do
    status=$(curl -fsS "http://127.0.0.1:5301/api/sweeps/$id")
    echo "$status" | grep -q '"queued":0,"running":0' && break
    sleep 0.2
  done
  awk -v l="$label" -v s="$began" -v e="$(date +%s.%N)" 'BEGIN { printf "%-44s %7.1f s  %6.3f runs/s\n", l, e - s, 24 / (e - s) }'
  for log in "$work"/w*.log; do printf '  %s trained %s runs\n' "$(basename "$log" .log)" "$(grep -c ' started on ' "$log")"; done
}

run_case() {
  database_name="bench_$1"
  local port; port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$GRADIENT_TEST_POSTGRES")
  psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE $database_name" >/dev/null
  database="${GRADIENT_TEST_POSTGRES/Database=postgres/Database=$database_name}"
}

echo "24-cell sweep (mlp D6 W64, 1,500 steps each); host load: $(cut -d' ' -f1-3 /proc/loadavg)"
run_case one; start w1 5301 0,1; measure "one worker process, 2 cores (1 slot × 2 threads)"
stop "${pids[-1]}"; unset 'pids[-1]'
run_case slots; start w1 5301 0,1 Workers__MaxConcurrentRuns=2 Workers__ThreadsPerRun=1; measure "one worker process, 2 slots × 1 thread"
stop "${pids[-1]}"; unset 'pids[-1]'
run_case two; start w1 5301 0 Workers__MaxConcurrentRuns=1 Workers__ThreadsPerRun=1; start w2 5302 1 Workers__MaxConcurrentRuns=1 Workers__ThreadsPerRun=1
measure "two worker processes, one core each"
