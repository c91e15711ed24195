#!/usr/bin/env bash
# The HTTP benchmark (run-http-bench.sh) with the silo's grain state and reminders on PostgreSQL: starts a
# throw-away PostgreSQL (Debian's postgresql package, initdb in a temporary directory, loopback port), runs the
# benchmark with STORAGE=postgres, then stops and removes it. Same environment variables as run-http-bench.sh.
#   tests/OrleansVm.Benchmarks/http/run-http-bench-postgres.sh [--no-build]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 2; }
dir="$(mktemp -d -t orleansvm-http-bench-pg-XXXXXX)"
port=$((20000 + RANDOM % 40000))
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
stop() { as_pg "$bin/pg_ctl" -D "$dir/pgdata" -m fast stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
as_pg "$bin/initdb" -D "$dir/pgdata" -U orleansvm --auth=trust >/dev/null
as_pg "$bin/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U orleansvm orleansvm
echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
STORAGE=postgres SILO_ARGS="--init-schema --connection-string Host=127.0.0.1;Port=$port;Database=orleansvm;Username=orleansvm" \
  "$here/run-http-bench.sh" "$@"
