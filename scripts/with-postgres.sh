#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL 15 cluster: installs Debian's postgresql when missing (root on Debian 12, as
# on CI), creates the cluster in a temporary directory, starts it on a free loopback port as the unprivileged `postgres`
# user (PostgreSQL refuses to run as root; as a normal user it runs as that user), exports its connection string as
# GRADIENT_TEST_POSTGRES (superuser, database postgres) and GRADIENT_TEST_POSTGRES_CTL (a command line that restarts the
# cluster with the same settings: the recorder's restart test), and stops and deletes it when the command ends.
#   scripts/with-postgres.sh [--durable] COMMAND...
# --durable keeps PostgreSQL's crash-safe defaults (fsync, synchronous commit: benchmarks); without it the cluster trades
# durability for speed (tests).
set -euo pipefail
durable=0
if [ "${1:-}" = "--durable" ]; then durable=1; shift; fi
[ $# -gt 0 ] || { echo "usage: $0 [--durable] COMMAND..." >&2; exit 2; }

bin=/usr/lib/postgresql/15/bin
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ! -x "$bin/initdb" ]; then
  echo "Installing Debian's PostgreSQL 15 for the store tests…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql-15 >/dev/null
fi

# As root, the server runs as `postgres` (the package's system user); otherwise as the caller.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
  as_owner=(runuser -u postgres --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/gradientservice-pg.XXXXXX")
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

# A free loopback port: the first from a random start that nothing answers on.
port=$((20000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >/dev/null
settings="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c shared_buffers=128MB"
[ "$durable" -eq 1 ] || settings="$settings -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$settings" -w -t 60 start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

export GRADIENT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
# pg_ctl restart reuses the start's settings (postmaster.opts); -l keeps the server's output out of the caller's pipes.
export GRADIENT_TEST_POSTGRES_CTL="${as_owner[*]} $bin/pg_ctl -D $dir/data -l $dir/server.log -m fast -w -t 60 restart"
echo "PostgreSQL 15 on 127.0.0.1:$port (data in $dir)"
"$@"
