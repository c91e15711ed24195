#!/usr/bin/env bash
# Measures a graceful stop: starts the built silo (SQLite in a temporary data directory, free Orleans
# ports), activates N counter instances (created, one event each), sends SIGINT as Ctrl+C does and
# prints how long the process took to exit. Build first: dotnet build src/OrleansVm.Silo -c Release
#   bash deploy/local/measure-graceful-stop.sh [instances=1000] [http-port=5090]
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-1000}"
port="${2:-5090}"
dll="src/OrleansVm.Silo/bin/Release/net10.0/OrleansVm.Silo.dll"
[ -f "$dll" ] || { echo "build first: dotnet build src/OrleansVm.Silo -c Release" >&2; exit 1; }
data="$(mktemp -d)"
log="$data/silo.log"
token="measure-$RANDOM$RANDOM"
base="http://127.0.0.1:$port/api/v1"

# Job control on: a background job of a script otherwise inherits SIGINT as ignored, and Ctrl+C is what we measure.
set -m
dotnet "$dll" --port "$port" --silo-port 0 --gateway-port 0 --storage sqlite --data-dir "$data" \
  --OrleansVm:OperatorToken="$token" >"$log" 2>&1 &
silo=$!
set +m
trap 'kill "$silo" 2>/dev/null || true; rm -rf "$data"' EXIT

for _ in $(seq 1 120); do
  curl -fsS "$base/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "$base/health" >/dev/null

# Prints "active" per instance created; an event refused under load (a 422 plugin time limit on a busy
# box) leaves the instance active all the same, so it is counted, not fatal.
activate() {
  local id
  id=$(curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"packageId":"counter"}' "$base/workspaces/demo/instances" | sed -E 's/.*"instanceId":"([^"]+)".*/\1/') || return 0
  echo active
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"handler":"increment"}' "$base/workspaces/demo/instances/$id/widgets/counter/events" || echo "event refused" >&2
}
export -f activate
export token base
active=$(seq 1 "$count" | xargs -P 4 -I{} bash -c activate 2>"$data/refused.log" | grep -c active || true)
echo "$active instances active ($(grep -c refused "$data/refused.log" || true) events refused)"

start=$(date +%s.%N)
kill -INT "$silo"
wait "$silo" || true
end=$(date +%s.%N)
trap 'rm -rf "$data"' EXIT
printf 'graceful stop with %s active instances: %.2f s\n' "$active" "$(echo "$end - $start" | bc)"
echo "silo log: $(grep -c ' fail: ' "$log" || true) fail and $(grep -c ' warn: ' "$log" || true) warn entries; the last ones:"
grep -E ' (fail|warn): ' "$log" | cut -c1-240 | tail -5 || true
