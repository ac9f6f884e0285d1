#!/usr/bin/env bash
# Runs a command beside a throwaway Redis: installs Debian's redis-server when missing (root on Debian 12, as on CI), starts
# it on a free loopback port in a temporary directory without persistence, exports its address as GRADIENT_TEST_REDIS
# (127.0.0.1:PORT; a StackExchange.Redis configuration string, as Redis:ConnectionString takes) and, so a test can stop and
# restart it on the same port, GRADIENT_TEST_REDIS_SERVER (the redis-server binary) and GRADIENT_TEST_REDIS_PORT; stops it
# and deletes the directory when the command ends.
#   scripts/with-redis.sh COMMAND...
# Beside PostgreSQL too (the scaled mode's two engines): scripts/with-postgres.sh scripts/with-redis.sh COMMAND...
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND..." >&2; exit 2; }

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing Debian's redis-server for the scaled-mode tests…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
  # The package starts a system service on port 6379; the tests use their own server, so leave that one as the system has it.
fi
server=$(command -v redis-server)

dir=$(mktemp -d "${TMPDIR:-/tmp}/gradientservice-redis.XXXXXX")
pid=""
stop() {
  # A test may have restarted the server (same port, its own process): shut down whichever one answers there, then ours.
  [ -n "$pid" ] && redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap stop EXIT

# A free loopback port: the first from a random start that nothing answers on.
port=$((20000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

# No persistence (no RDB snapshots, no append-only file): the scaled mode keeps only live messages and counters in Redis.
"$server" --bind 127.0.0.1 --port "$port" --dir "$dir" --save "" --appendonly no --daemonize no \
  --logfile "$dir/server.log" &
pid=$!
for _ in $(seq 1 100); do
  [ "$(redis-cli -p "$port" ping 2>/dev/null)" = "PONG" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  sleep 0.1
done
[ "$(redis-cli -p "$port" ping 2>/dev/null)" = "PONG" ] || { echo "redis-server did not answer on 127.0.0.1:$port" >&2; cat "$dir/server.log" >&2; exit 1; }

export GRADIENT_TEST_REDIS="127.0.0.1:$port" GRADIENT_TEST_REDIS_SERVER="$server" GRADIENT_TEST_REDIS_PORT="$port"
echo "Redis on 127.0.0.1:$port (files in $dir)"
"$@"
