#!/usr/bin/env bash
# A local cluster on loopback: one PostgreSQL and 3 silos (--cluster postgres) sharing it.
#   bash deploy/local/cluster.sh up       build, start PostgreSQL and the silos, print URLs and the token
#   bash deploy/local/cluster.sh status   each silo's pid and the members its /api/v1/health lists
#   bash deploy/local/cluster.sh down     SIGTERM the silos (graceful: they leave membership), stop PostgreSQL
# Settings: ORLEANSVM_LOCAL_DIR (default ./data/local-cluster, kept across up/down), ORLEANSVM_PG_PORT
# (55433), ORLEANSVM_SILOS (3), ORLEANSVM_HTTP_BASE (5081: silo i serves 5080+i), extra silo flags in
# ORLEANSVM_SILO_FLAGS (e.g. "--failover defaults"); the Orleans ports of silo i: ORLEANSVM_SILO_PORT_BASE
# (11111) + i - 1 and ORLEANSVM_GATEWAY_PORT_BASE (30001) + i - 1.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
dir="${ORLEANSVM_LOCAL_DIR:-$root/data/local-cluster}"
pg_port="${ORLEANSVM_PG_PORT:-55433}"
silos="${ORLEANSVM_SILOS:-3}"
http_base="${ORLEANSVM_HTTP_BASE:-5081}"
silo_base="${ORLEANSVM_SILO_PORT_BASE:-11111}"; gateway_base="${ORLEANSVM_GATEWAY_PORT_BASE:-30001}"
dll="$root/src/OrleansVm.Silo/bin/Release/net10.0/OrleansVm.Silo.dll"
connection="Host=127.0.0.1;Port=$pg_port;Database=orleansvm;Username=orleansvm"

pg_bin() { dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)"; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
http_port() { echo $((http_base + $1 - 1)); }
pid_of() { cat "$dir/silo-$1.pid" 2>/dev/null || true; }
alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

start_postgres() {
  local bin; bin=$(pg_bin)
  [ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }
  mkdir -p "$dir"; [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  [ -f "$dir/pgdata/PG_VERSION" ] || as_pg "$bin/initdb" -D "$dir/pgdata" -U orleansvm --auth=trust >/dev/null
  if ! as_pg "$bin/pg_ctl" -D "$dir/pgdata" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$dir/pgdata" -l "$dir/postgres.log" -w \
      -o "-p $pg_port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  fi
  as_pg "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U orleansvm -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='orleansvm'" | grep -q 1 \
    || as_pg "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U orleansvm orleansvm
}

wait_healthy() { # $1 = silo number; up to 180 s (a loaded box starts a silo slowly)
  local url="http://127.0.0.1:$(http_port "$1")/api/v1/health"
  for _ in $(seq 1 360); do
    curl -fsS "$url" >/dev/null 2>&1 && return 0
    alive "$1" || { echo "silo $1 exited; its log: $dir/silo-$1.log" >&2; tail -20 "$dir/silo-$1.log" >&2; return 1; }
    sleep 0.5
  done
  echo "silo $1 did not become healthy in 180 s; log: $dir/silo-$1.log" >&2; return 1
}

start_silo() { # $1 = silo number
  local i=$1 flags=()
  alive "$i" && { echo "silo $i already runs (pid $(pid_of "$i"))"; return 0; }
  [ "$i" -eq 1 ] && flags+=(--init-schema) # one silo applies the schema, before the others start
  mkdir -p "$dir/silo-$i"
  # shellcheck disable=SC2086 # ORLEANSVM_SILO_FLAGS is a list of flags
  ORLEANSVM_OPERATOR_TOKEN="$token" nohup dotnet "$dll" \
    --cluster postgres --storage postgres --connection-string "$connection" \
    --port "$(http_port "$i")" --silo-port $((silo_base + i - 1)) --gateway-port $((gateway_base + i - 1)) \
    --silo-id "silo-$i" --data-dir "$dir/silo-$i" "${flags[@]}" ${ORLEANSVM_SILO_FLAGS:-} \
    >"$dir/silo-$i.log" 2>&1 </dev/null &
  echo $! >"$dir/silo-$i.pid"
  wait_healthy "$i"
}

up() {
  [ -f "$dll" ] || dotnet build src/OrleansVm.Silo -c Release --nologo -v quiet
  start_postgres
  # One operator token for the whole cluster (any silo accepts it), kept in the local directory.
  [ -s "$dir/operator-token" ] || head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c 40 >"$dir/operator-token"
  token=$(cat "$dir/operator-token")
  for i in $(seq 1 "$silos"); do start_silo "$i"; done
  for i in $(seq 1 "$silos"); do echo "silo-$i: http://127.0.0.1:$(http_port "$i")/"; done
  echo "operator token: $token"
  echo "database: $connection"
}

down() {
  for i in $(seq 1 "$silos"); do
    alive "$i" || { rm -f "$dir/silo-$i.pid"; continue; }
    kill -TERM "$(pid_of "$i")"
  done
  for i in $(seq 1 "$silos"); do # graceful stop: up to 45 s each, then SIGKILL
    for _ in $(seq 1 90); do alive "$i" || break; sleep 0.5; done
    alive "$i" && { echo "silo $i did not stop in 45 s: SIGKILL" >&2; kill -KILL "$(pid_of "$i")"; }
    rm -f "$dir/silo-$i.pid"
  done
  local bin; bin=$(pg_bin)
  if [ -f "$dir/pgdata/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$dir/pgdata" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$dir/pgdata" -m fast -w stop >/dev/null
  fi
  echo "stopped (data kept in $dir)"
}

status() {
  for i in $(seq 1 "$silos"); do
    if alive "$i"; then
      echo "silo-$i pid $(pid_of "$i") http://127.0.0.1:$(http_port "$i")/: $(curl -fsS -m 5 "http://127.0.0.1:$(http_port "$i")/api/v1/health" 2>&1 || true)"
    else
      echo "silo-$i: not running"
    fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
