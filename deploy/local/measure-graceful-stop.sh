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

activate() {
  local id
  id=$(curl -fsS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"packageId":"counter"}' "$base/workspaces/demo/instances" | sed -E 's/.*"instanceId":"([^"]+)".*/\1/')
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"handler":"increment"}' "$base/workspaces/demo/instances/$id/widgets/counter/events"
}
export -f activate
export token base
seq 1 "$count" | xargs -P 4 -I{} bash -c activate
echo "$count instances active"

start=$(date +%s.%N)
kill -INT "$silo"
wait "$silo" || true
end=$(date +%s.%N)
trap 'rm -rf "$data"' EXIT
printf 'graceful stop with %s active instances: %.2f s\n' "$count" "$(echo "$end - $start" | bc)"
grep -iE 'warn|fail|error' "$log" | tail -5 || true
