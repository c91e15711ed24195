#!/usr/bin/env bash
# The cluster benchmark in one run: a standalone single silo and the local 3-silo cluster, both on the
# same PostgreSQL server (separate databases), measured with the same clients in the same minutes;
# then the recovery time after a kill -9 of one cluster silo.
#   bash tests/OrleansVm.Benchmarks/cluster/run.sh [SECONDS_PER_ROUND (15)] [CLIENTS (16)]
# Order: single, cluster, cluster, single (ABBA), so a change of the box's load during the run weighs on
# both equally. Figures go to stdout; the silos' logs stay in $ORLEANSVM_LOCAL_DIR (default data/bench-cluster).
set -euo pipefail
cd "$(dirname "$0")/../../.."
root=$PWD
seconds="${1:-15}"
clients="${2:-16}"
export ORLEANSVM_LOCAL_DIR="${ORLEANSVM_LOCAL_DIR:-$root/data/bench-cluster}"
export ORLEANSVM_PG_PORT="${ORLEANSVM_PG_PORT:-55443}"
export ORLEANSVM_HTTP_BASE="${ORLEANSVM_HTTP_BASE:-5181}"
export ORLEANSVM_SILO_PORT_BASE="${ORLEANSVM_SILO_PORT_BASE:-11211}" ORLEANSVM_GATEWAY_PORT_BASE="${ORLEANSVM_GATEWAY_PORT_BASE:-30101}"
# A shared 2-core box: a plugin turn may wait for a core far longer than the 100 ms default limit.
limits="--event-timeout-ms 2000 --render-timeout-ms 2000 --load-timeout-ms 5000"
export ORLEANSVM_SILO_FLAGS="$limits"
dir=$ORLEANSVM_LOCAL_DIR
single_port=$((ORLEANSVM_HTTP_BASE + 10))
single_pid=""
bench="python3 $root/tests/OrleansVm.Benchmarks/cluster/cluster-bench.py"
cluster=(http://127.0.0.1:$ORLEANSVM_HTTP_BASE http://127.0.0.1:$((ORLEANSVM_HTTP_BASE + 1)) http://127.0.0.1:$((ORLEANSVM_HTTP_BASE + 2)))
single=http://127.0.0.1:$single_port

stop_all() {
  [ -n "$single_pid" ] && kill -TERM "$single_pid" 2>/dev/null && wait "$single_pid" 2>/dev/null || true
  bash deploy/local/cluster.sh down || true
}
trap stop_all EXIT

dotnet build src/OrleansVm.Silo -c Release -p:SkipPlaygroundBuild=true --nologo -v quiet
rm -rf "$dir" # a fresh database each run: no state left from an earlier one
bash deploy/local/cluster.sh up
token=$(cat "$dir/operator-token")

# The standalone silo: localhost clustering (no membership table), PostgreSQL storage like the cluster's,
# in its own database so it shares no grain state with the cluster.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$ORLEANSVM_PG_PORT" -U orleansvm orleansvm_single
mkdir -p "$dir/single"
# shellcheck disable=SC2086 # $limits is a list of flags
ORLEANSVM_OPERATOR_TOKEN="$token" dotnet src/OrleansVm.Silo/bin/Release/net10.0/OrleansVm.Silo.dll \
  --storage postgres --connection-string "Host=127.0.0.1;Port=$ORLEANSVM_PG_PORT;Database=orleansvm_single;Username=orleansvm" \
  --init-schema --port "$single_port" --silo-port 0 --gateway-port 0 --silo-id single --data-dir "$dir/single" $limits \
  >"$dir/single.log" 2>&1 </dev/null &
single_pid=$!
for _ in $(seq 1 360); do curl -fsS "$single/api/v1/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS "$single/api/v1/health" >/dev/null || { echo "the single silo did not start: $dir/single.log" >&2; exit 1; }

# Warm-up, not recorded, as long as a round: a silo that has served nothing yet pays its JIT (tiered
# compilation keeps improving for tens of seconds) and its first activations; short warm-ups left a 4x trend.
echo "== warm-up (not recorded)"
$bench throughput "$token" "$seconds" "$clients" "$single"
$bench throughput "$token" "$seconds" "$clients" "${cluster[@]}"
echo "== throughput: $clients clients, $seconds s per round (ABBA), load average $(cut -d' ' -f1-3 /proc/loadavg)"
$bench throughput "$token" "$seconds" "$clients" "$single"
$bench throughput "$token" "$seconds" "$clients" "${cluster[@]}"
$bench throughput "$token" "$seconds" "$clients" "${cluster[@]}"
$bench throughput "$token" "$seconds" "$clients" "$single"

# The single silo leaves before the failover measurement: its CPU would slow the survivors' recovery.
kill -TERM "$single_pid"; wait "$single_pid" || true; single_pid=""
echo "== recovery after kill -9 of silo-3 (load average $(cut -d' ' -f1-3 /proc/loadavg))"
$bench failover "$token" "$(cat "$dir/silo-3.pid")" "${cluster[@]:0:2}"
