#!/usr/bin/env bash
# Runs one silo against a local PostgreSQL it starts itself (the cluster setup, minus the other
# silos: multi-silo membership is a later issue). Grain state goes to the project's PostgreSQL
# provider and reminders to Orleans' ADO.NET tables in the same database; pass --storage adonet to
# use Orleans' ADO.NET persistence instead. Data lives under $ORLEANSVM_LOCAL_DIR
# (default ./data/local-postgres) and survives restarts; Ctrl+C stops the silo, then PostgreSQL.
#   bash deploy/local/run-postgres-silo.sh [extra silo flags...]
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="${ORLEANSVM_LOCAL_DIR:-$PWD/data/local-postgres}"
port="${ORLEANSVM_PG_PORT:-55432}"
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
if [ ! -f "$dir/pgdata/PG_VERSION" ]; then
  as_pg "$bin/initdb" -D "$dir/pgdata" -U orleansvm --auth=trust >/dev/null
fi
as_pg "$bin/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$dir/pgdata" -m fast stop >/dev/null' EXIT
as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U orleansvm -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname='orleansvm'" | grep -q 1 \
  || as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U orleansvm orleansvm

dotnet run --project src/OrleansVm.Silo -c Release -- \
  --storage postgres --init-schema --data-dir "$dir" \
  --connection-string "Host=127.0.0.1;Port=$port;Database=orleansvm;Username=orleansvm" "$@"
