#!/usr/bin/env bash
# Abuse benchmark (issue 12): one tenant floods the HTTP API with valid counter events from one client token,
# ignoring Retry-After (wrk, FLOOD_CONNECTIONS connections), while another workspace's counter events are
# measured (QUIET_CONNECTIONS connections, its own client token): p50/p99 alone, then during the flood. Two
# phases in the same run, each on a fresh Release silo: the edge rate limiter off (--rate-limit-per-second 0,
# the baseline) and on (the defaults, 200/s and bursts of 400 per token).
#
# Usage: tests/OrleansVm.Benchmarks/http/run-rate-limit-flood.sh [--no-build]
# The quiet client is paced (QUIET_PACE_MS between a connection's requests: ~40 events/s, well under its limit);
# the flood is not (a closed loop, as fast as answers come: a client that ignores Retry-After).
# Environment: FLOOD_CONNECTIONS (64) QUIET_CONNECTIONS (2) QUIET_PACE_MS (50) DURATION (10s) STORAGE (memory)
# Needs: dotnet, curl, wrk.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
flood_connections="${FLOOD_CONNECTIONS:-64}"; quiet_connections="${QUIET_CONNECTIONS:-2}"
duration="${DURATION:-10s}"; storage="${STORAGE:-memory}"; quiet_pace="${QUIET_PACE_MS:-50}"
build=1; [ "${1:-}" = "--no-build" ] && build=0
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

silo_dll="$root/src/OrleansVm.Silo/bin/Release/net10.0/OrleansVm.Silo.dll"
[ "$build" -eq 1 ] && dotnet build "$root/src/OrleansVm.Silo" -c Release --nologo -v quiet -p:SkipPlaygroundBuild=true >/dev/null
[ -f "$silo_dll" ] || { echo "$silo_dll is missing" >&2; exit 2; }

source "$here/silo-process.sh"

work="$(mktemp -d -t orleansvm-rate-flood-XXXXXX)"
trap 'stop_silo; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

client_token() { # base operator-token workspace -> a new client token
  curl -sSf -X POST -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d '{}' "$1/api/v1/workspaces/$3/tokens" \
    | grep -o '"token":"[^"]*"' | cut -d'"' -f4
}

events() { # name base ids token workspace connections pace-ms -> RESULT line
  wrk -t1 -c"$6" -d"$duration" --latency --timeout 10s -s "$here/paced-events.lua" "$2" -- "$3" "$4" "$5" "$7" > "$work/wrk-$1.out" 2>&1
  grep '^RESULT ' "$work/wrk-$1.out" || { cat "$work/wrk-$1.out" >&2; exit 1; }
}

field() { tr ' ' '\n' <<<"$1" | grep "^$2=" | cut -d= -f2; }

results="$work/results.txt"; : > "$results"
for phase in off on; do
  rate=200; [ "$phase" = off ] && rate=0
  port="$(free_port)"; base="http://127.0.0.1:$port"; data="$work/data-$phase"
  dotnet "$silo_dll" --port "$port" --silo-port 0 --gateway-port 0 --data-dir "$data" --storage "$storage" --no-demo-workspace --rate-limit-per-second "$rate" \
    --log-format simple --Logging:LogLevel:Default=Warning >"$work/silo-$phase.log" 2>&1 &
  silo_pid=$!
  for i in $(seq 1 240); do
    curl -sf "$base/api/v1/health" >/dev/null 2>&1 && break
    kill -0 "$silo_pid" 2>/dev/null || { cat "$work/silo-$phase.log"; exit 1; }
    [ "$i" -eq 240 ] && { echo "the silo did not start in 60 s" >&2; exit 1; }
    sleep 0.25
  done
  operator="$(cat "$data/operator-token")"
  "$here/create-instances.sh" "$base" "$operator" quiet 16 "$work/quiet-$phase.txt" >/dev/null
  "$here/create-instances.sh" "$base" "$operator" flood 64 "$work/flood-$phase.txt" >/dev/null
  quiet_token="$(client_token "$base" "$operator" quiet)"; flood_token="$(client_token "$base" "$operator" flood)"

  events warmup "$base" "$work/quiet-$phase.txt" "$quiet_token" quiet "$quiet_connections" "$quiet_pace" >/dev/null
  idle=$(events "idle-$phase" "$base" "$work/quiet-$phase.txt" "$quiet_token" quiet "$quiet_connections" "$quiet_pace")
  events "flood-$phase" "$base" "$work/flood-$phase.txt" "$flood_token" flood "$flood_connections" 0 > "$work/flood-$phase.result" &
  flood_pid=$!
  sleep 1
  during=$(events "during-$phase" "$base" "$work/quiet-$phase.txt" "$quiet_token" quiet "$quiet_connections" "$quiet_pace")
  wait "$flood_pid"
  flood=$(cat "$work/flood-$phase.result")
  echo "$phase idle: $idle" | tee -a "$results"
  echo "$phase during: $during" | tee -a "$results"
  echo "$phase flood: $flood" | tee -a "$results"
  stop_silo
done

echo
echo "| rate limiter | quiet p50 alone (ms) | quiet p50 during flood (ms) | ratio | quiet p99 alone → during (ms) | quiet errors | flood req/s | flood refused (429) |"
echo "|---|---:|---:|---:|---|---:|---:|---:|"
for phase in off on; do
  idle=$(grep "^$phase idle: " "$results"); during=$(grep "^$phase during: " "$results"); flood=$(grep "^$phase flood: " "$results")
  ratio=$(awk -v a="$(field "$during" p50_ms)" -v b="$(field "$idle" p50_ms)" 'BEGIN { printf "%.2f", a / b }')
  echo "| $phase | $(field "$idle" p50_ms) | $(field "$during" p50_ms) | ${ratio}× | $(field "$idle" p99_ms) → $(field "$during" p99_ms) | $(( $(field "$idle" status_errors) + $(field "$during" status_errors) )) | $(field "$flood" rps) | $(field "$flood" status_errors) |"
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (wrk and the silo share them)"
