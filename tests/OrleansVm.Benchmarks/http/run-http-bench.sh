#!/usr/bin/env bash
# HTTP benchmark of the silo (ISSUE-5 item 7): events per second and p50/p99 latency of
#   POST /api/v1/workspaces/{ws}/instances/{id}/widgets/counter/events   (counter preset, 1,000 instances)
# next to the bare JSON echo endpoint POST /api/v1/_bench/echo on the same server, in the same run.
# Starts a Release silo on a free loopback port (temporary data directory, SQLite, --enable-bench-endpoints),
# creates the instances through the API, runs wrk over the modes in turn, echo first (after a short warm-up of each),
# stops the silo and prints a summary (medians over the runs, ratio event/echo; the goal is >= 25%).
# With FLOORS=1 (the default) each round also measures two floors on the same server: the echo after one grain call
# (grain-echo) and after one durable grain write through the same storage (grain-write); an event does both and more,
# so grain-write/echo is the most any event path on this runtime, storage and machine can reach.
#
# Usage: tests/OrleansVm.Benchmarks/http/run-http-bench.sh [--no-build]
# Environment: INSTANCES (1000) CONNECTIONS (64) THREADS (2) DURATION (15s) ROUNDS (2) WARMUP (15s: every instance loads its sandbox and registers its reminder first)
#              FLOORS (1; 0 measures only echo and event)
#              STORAGE (sqlite; memory to see what durable storage costs; postgres: see run-http-bench-postgres.sh)
#              SILO_ARGS (extra silo flags, e.g. --connection-string ... for postgres, "--OrleansVm:Telemetry:Dashboard=false")
#              TRACE (a file path: a CPU sample of the silo, dotnet-trace, over the last measured event run;
#                     its top methods are printed at the end; needs `dotnet tool install -g dotnet-trace`)
#              TRACE_PROFILE (dotnet-sampled-thread-time; gc-verbose samples allocations by type and stack instead)
#              PROFILE_MODE (event: the mode TRACE and PERF sample, e.g. grain-write)
#              PERF (a file path: an on-CPU sample of the silo with Linux perf over the last measured event run; unlike the
#                    thread-time sample it counts only threads that run, so it says where the CPU goes; needs perf)
# Needs: dotnet, curl, wrk (Debian: apt-get install -y wrk; installed here when missing and run as root).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
instances="${INSTANCES:-1000}"; connections="${CONNECTIONS:-64}"; threads="${THREADS:-2}"
duration="${DURATION:-15s}"; rounds="${ROUNDS:-2}"; warmup="${WARMUP:-15s}"; storage="${STORAGE:-sqlite}"
modes="echo event"; [ "${FLOORS:-1}" = 1 ] && modes="echo grain-echo grain-write event"
build=1; [ "${1:-}" = "--no-build" ] && build=0

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing wrk (Debian package)..."
    (apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; })
  else
    echo "wrk is missing: apt-get install -y wrk" >&2; exit 2
  fi
fi
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 2; }

silo_dll="$root/src/OrleansVm.Silo/bin/Release/net10.0/OrleansVm.Silo.dll"
if [ "$build" -eq 1 ]; then
  echo "== building the silo (Release)"
  dotnet build "$root/src/OrleansVm.Silo" -c Release --nologo -v quiet -p:SkipPlaygroundBuild=true >/dev/null
fi
[ -f "$silo_dll" ] || { echo "$silo_dll is missing: build it (dotnet build src/OrleansVm.Silo -c Release)" >&2; exit 2; }

source "$here/silo-process.sh"

work="$(mktemp -d -t orleansvm-http-bench-XXXXXX)"
cleanup() {
  stop_silo
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port="$(free_port)"
base="http://127.0.0.1:$port"
perf_out="${PERF:-}"
# The JIT writes /tmp/perf-<pid>.map so perf can name managed frames.
[ -n "$perf_out" ] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 # W^X double-maps JIT code where perf cannot name it
echo "== starting the silo on $base (storage $storage, data $work/data)"
dotnet "$silo_dll" --port "$port" --silo-port 0 --gateway-port 0 --data-dir "$work/data" --storage "$storage" --enable-bench-endpoints \
  --no-demo-workspace --log-format simple --Logging:LogLevel:Default=Warning ${SILO_ARGS:-} >"$work/silo.log" 2>&1 &
silo_pid=$!
for i in $(seq 1 240); do
  curl -sf "$base/api/v1/health" >/dev/null 2>&1 && break
  kill -0 "$silo_pid" 2>/dev/null || { echo "the silo exited:"; cat "$work/silo.log"; exit 1; }
  [ "$i" -eq 240 ] && { echo "the silo did not become healthy in 60 s:"; tail -40 "$work/silo.log"; exit 1; }
  sleep 0.25
done
token="$(cat "$work/data/operator-token")"

echo "== creating $instances counter instances"
workspace="bench"
"$here/create-instances.sh" "$base" "$token" "$workspace" "$instances" "$work/ids.txt"

echo_curl=$(curl -sS -X POST -H 'Content-Type: application/json' -d '{"handler":"increment"}' "$base/api/v1/_bench/echo")
[ "$echo_curl" = '{"handler":"increment"}' ] || { echo "the echo endpoint answered '$echo_curl'" >&2; exit 1; }

runtime() { curl -sS "$base/api/v1/_bench/runtime"; } # allocated bytes, GC, CPU time, grain calls by method

run_wrk() { # mode duration -> RESULT line, plus per-request bytes/CPU/GC/grain calls from two runtime snapshots
  local mode="$1" length="$2"
  local args=(echo)
  [ "$mode" = "event" ] && args=(event "$work/ids.txt" "$token" "$workspace")
  [[ "$mode" = grain-* ]] && args=("$mode" "$work/ids.txt")
  runtime > "$work/runtime-before.json"
  wrk -t"$threads" -c"$connections" -d"$length" --latency --timeout 10s -s "$here/http-bench.lua" "$base" -- "${args[@]}" \
    > "$work/wrk-$mode.out"
  runtime > "$work/runtime-after.json"
  grep '^FAILURE ' "$work/wrk-$mode.out" >&2 || true
  local result requests
  result=$(grep '^RESULT ' "$work/wrk-$mode.out") || { cat "$work/wrk-$mode.out" >&2; exit 1; }
  requests=$(tr ' ' '\n' <<<"$result" | grep '^requests=' | cut -d= -f2)
  # Requests still in flight when wrk stopped finish after the second snapshot: a small error at these counts.
  local per
  per=$(jq -rn --slurpfile a "$work/runtime-before.json" --slurpfile b "$work/runtime-after.json" --argjson n "$requests" '
    ($a[0]) as $a | ($b[0]) as $b |
    ([$b.grainCalls | to_entries[] | .value - ($a.grainCalls[.key] // 0)] | add // 0) as $calls |
    "bytes_per_req=\(($b.allocatedBytes - $a.allocatedBytes) / $n | floor) cpu_us_per_req=\((($b.cpuMs - $a.cpuMs) * 1000 / $n) * 10 | floor / 10) calls_per_req=\(($calls / $n) * 100 | floor / 100) gc_pause_ms=\(($b.gcPauseMs - $a.gcPauseMs) | floor) gen0=\($b.gen0 - $a.gen0) gen1=\($b.gen1 - $a.gen1) gen2=\($b.gen2 - $a.gen2)"')
  jq -rn --slurpfile a "$work/runtime-before.json" --slurpfile b "$work/runtime-after.json" --argjson n "$requests" '
    ($a[0]) as $a | ($b[0]) as $b |
    [$b.grainCalls | to_entries[] | {k: .key, v: (.value - ($a.grainCalls[.key] // 0))} | select(.v > 0)] | sort_by(-.v)[] |
    "  \(.k) \((.v / $n) * 1000 | floor / 1000)"' > "$work/calls-$mode.txt"
  echo "$result $per"
}

echo "== warm-up ($warmup each, not counted)"
run_wrk echo "$warmup" >/dev/null
for mode in $modes; do if [[ "$mode" = grain-* ]]; then run_wrk "$mode" 5s >/dev/null; fi; done
warmup_line=$(run_wrk event "$warmup" | tr ' ' '\n')
warmup_events=$(( $(grep '^requests=' <<<"$warmup_line" | cut -d= -f2) - $(grep '^status_errors=' <<<"$warmup_line" | cut -d= -f2) ))

results="$work/results.txt"
: > "$results"
echo "== measuring: wrk -t$threads -c$connections -d$duration --latency, $rounds rounds of: $modes"
trace="${TRACE:-}"; trace_pid=""; profiled="${PROFILE_MODE:-event}"
for round in $(seq 1 "$rounds"); do
  for mode in $modes; do
    if [ -n "$trace" ] && [ "$mode" = "$profiled" ] && [ "$round" -eq "$rounds" ]; then
      (sleep 2; PATH="$PATH:$HOME/.dotnet/tools" dotnet-trace collect -p "$silo_pid" --profile "${TRACE_PROFILE:-dotnet-sampled-thread-time}" \
        --duration 00:00:00:08 -o "$trace" >"$work/trace.log" 2>&1) &
      trace_pid=$!
    fi
    if [ -n "$perf_out" ] && [ "$mode" = "$profiled" ] && [ "$round" -eq "$rounds" ]; then
      (sleep 2; perf record -e cpu-clock -F 499 -g -p "$silo_pid" -o "$perf_out" -- sleep 8 >"$work/perf.log" 2>&1) &
      trace_pid=$!
    fi
    line=$(run_wrk "$mode" "$duration")
    echo "$mode round=$round ${line#RESULT }" | tee -a "$results"
  done
done

# Where an event waits: the storage histograms over the whole run (Prometheus text; _sum / _count is the mean).
curl -sS -H "Authorization: Bearer $token" "$base/metrics" > "$work/metrics.txt" || true
storage_means=$(awk '
  /^orleansvm_(storage|sandbox)_[a-z_]*_(sum|count)[{ ]/ {
    key = $1; value = $NF; is_sum = (key ~ /_sum($|\{)/); sub(/_(sum|count)/, "", key); sub(/otel_scope_name="[^"]*",?/, "", key)
    if (is_sum) sum[key] += value; else count[key] += value
  }
  END { for (k in count) if (count[k] > 0) printf "  %-90s mean %.3f over %d\n", k, (k ~ /seconds/ ? 1000 : 1) * sum[k] / count[k], count[k] }' "$work/metrics.txt" | sort)

events_applied=$(curl -sS -H "Authorization: Bearer $token" "$base/api/v1/workspaces/$workspace/domains/counter-summary" \
  | grep -o '"totalValue":[0-9]*' | cut -d: -f2)

field() { # mode key -> values, one per line
  grep "^$1 " "$results" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
sum() { awk '{ s += $1 } END { print s + 0 }'; }

echo_rps=$(field echo rps | median); event_rps=$(field event rps | median)
echo_p50=$(field echo p50_ms | median); event_p50=$(field event p50_ms | median)
echo_p99=$(field echo p99_ms | median); event_p99=$(field event p99_ms | median)
errors=0
for mode in $modes; do errors=$(( errors + $(field "$mode" status_errors | sum) + $(field "$mode" socket_errors | sum) )); done
ratio=$(awk -v a="$event_rps" -v b="$echo_rps" 'BEGIN { printf "%.1f", 100 * a / b }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 25 ? "goal met (>= 25%)" : "goal NOT met (< 25%)") }')

echo
echo "== summary (median of $rounds runs each; storage $storage; $instances counter instances; $connections connections, $threads wrk threads, $duration per run; loopback)"
printf '%-32s %12s %10s %10s\n' "endpoint" "req/s" "p50 ms" "p99 ms"
printf '%-32s %12s %10s %10s\n' "POST /_bench/echo" "$echo_rps" "$echo_p50" "$echo_p99"
for mode in $modes; do
  [[ "$mode" = grain-* ]] || continue
  printf '%-32s %12s %10s %10s\n' "POST /_bench/$mode" "$(field "$mode" rps | median)" "$(field "$mode" p50_ms | median)" "$(field "$mode" p99_ms | median)"
done
printf '%-32s %12s %10s %10s\n' "POST .../widgets/counter/events" "$event_rps" "$event_p50" "$event_p99"
echo "event/echo throughput: $ratio% -> $verdict"
if [[ " $modes " = *" grain-write "* ]]; then
  floor_rps=$(field grain-write rps | median)
  awk -v w="$floor_rps" -v c="$(field grain-echo rps | median)" -v e="$echo_rps" -v v="$event_rps" 'BEGIN {
    printf "floors: grain-echo/echo %.1f%%, grain-write/echo %.1f%% (the most an event can reach here); event/grain-write %.1f%%\n",
      100 * c / e, 100 * w / e, 100 * v / w }'
fi
printf '%-32s %12s %12s %12s %12s\n' "per request (median)" "bytes" "CPU us" "grain calls" "GC pause ms"
for mode in $modes; do
  printf '%-32s %12s %12s %12s %12s\n' "$mode" "$(field $mode bytes_per_req | median)" "$(field $mode cpu_us_per_req | median)" \
    "$(field $mode calls_per_req | median)" "$(field $mode gc_pause_ms | median)"
done
echo "grain calls per event by method (last event run):"
cat "$work/calls-event.txt"
total=0
for mode in $modes; do total=$(( total + $(field "$mode" requests | sum) )); done
echo "non-2xx responses and socket errors over all measured runs: $errors of $total requests"
# Every event answered 200 incremented one counter: the shared total must be at least the answered events, and at
# most that plus what was still in flight when each wrk run stopped (one request per connection per event run).
answered=$(( warmup_events + $(field event requests | sum) - $(field event status_errors | sum) ))
in_flight=$(( connections * (rounds + 1) ))
if [ -n "$events_applied" ] && [ "$events_applied" -ge "$answered" ] && [ "$events_applied" -le $((answered + in_flight)) ]; then
  echo "shared counter total $events_applied for $answered answered events (+ up to $in_flight in flight): consistent"
else
  echo "shared counter total ${events_applied:-?} does not match $answered answered events (+ up to $in_flight in flight)" >&2; exit 1
fi
echo "storage and sandbox over the whole run (durations in ms):"
echo "${storage_means:-  (no orleansvm_storage metrics in /metrics)}"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (wrk and the silo share them)"
# A few 422 RUNTIME_TIMEOUT answers can happen on a loaded machine (the plugin time limit is wall-clock);
# more than 0.1% of the requests failing makes the figures meaningless.
if [ -n "$trace" ] && [ "${TRACE_PROFILE:-dotnet-sampled-thread-time}" = dotnet-sampled-thread-time ]; then
  wait "$trace_pid"
  echo "CPU sample of the silo during the last event run ($trace), top methods by inclusive / exclusive time:"
  PATH="$PATH:$HOME/.dotnet/tools" dotnet-trace report "$trace" topN -n 40 --inclusive 2>&1 | sed 's/^/  /' || cat "$work/trace.log"
  PATH="$PATH:$HOME/.dotnet/tools" dotnet-trace report "$trace" topN -n 30 2>&1 | sed 's/^/  /' || true
fi
if [ -n "$perf_out" ]; then
  wait "$trace_pid"
  echo "on-CPU sample of the silo during the last event run ($perf_out), top symbols by own time:"
  perf report -i "$perf_out" --no-children --sort symbol --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -40 | sed 's/^/  /'
fi
if [ $((errors * 1000)) -gt "$total" ]; then echo "more than 0.1% of the requests failed: the figures are not valid" >&2; exit 1; fi
