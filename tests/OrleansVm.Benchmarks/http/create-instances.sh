#!/usr/bin/env bash
# Creates a workspace with the counter preset's grants (read + write counter-summary, as in the demo workspace)
# and COUNT counter instances in it through the HTTP API, then writes their ids, one per line, to OUT.
# Usage: create-instances.sh BASE_URL OPERATOR_TOKEN WORKSPACE COUNT OUT
set -euo pipefail
base="${1:?base url}"; token="${2:?operator token}"; workspace="${3:?workspace}"; count="${4:?count}"; out="${5:?output file}"
api="$base/api/v1"
auth=(-H "Authorization: Bearer $token" -H "Content-Type: application/json")

config=$(mktemp); answer=$(mktemp)
trap 'rm -f "$config" "$answer"' EXIT

expect_status() { # expected-status curl-args...
  local expected="$1"; shift
  local status
  status=$(curl -sS -o "$answer" -w '%{http_code}' "$@") || true
  [ "$status" = "$expected" ] || { echo "create-instances: ${*: -1} answered $status (expected $expected): $(head -c 300 "$answer")" >&2; exit 1; }
}

expect_status 201 -X POST "${auth[@]}" "$api/workspaces" -d "{\"workspaceId\":\"$workspace\"}"
expect_status 200 -X PUT "${auth[@]}" "$api/workspaces/$workspace/grants/counter" \
  -d '{"readShared":["counter-summary"],"writeShared":["counter-summary"],"modules":[]}'

# One curl process for all the POSTs (a config file with one request per block), 8 at a time.
{
  for ((i = 0; i < count; i++)); do
    [ "$i" -gt 0 ] && echo "next"
    printf 'url = "%s/workspaces/%s/instances"\nrequest = "POST"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\ndata = "{\\"packageId\\":\\"counter\\"}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
      "$api" "$workspace" "$token"
  done
} > "$config"
statuses=$(curl --no-progress-meter --parallel --parallel-max 8 --config "$config")
created=$(grep -c '^201$' <<<"$statuses" || true)
[ "$created" -eq "$count" ] || { echo "create-instances: $created of $count instances created; statuses: $(sort <<<"$statuses" | uniq -c | tr '\n' ' ')" >&2; exit 1; }

curl -sS -f "${auth[@]}" "$api/workspaces/$workspace/instances" \
  | grep -o '"instanceId":"counter@[A-Za-z0-9_-]*"' | cut -d'"' -f4 > "$out"
listed=$(wc -l < "$out")
[ "$listed" -eq "$count" ] || { echo "create-instances: the workspace lists $listed counter instances, expected $count" >&2; exit 1; }
echo "created $count counter instances in workspace $workspace"
