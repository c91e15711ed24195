#!/usr/bin/env bash
# Paired before/after HTTP benchmark: runs run-http-bench.sh of two checkouts alternately (before, after, before,
# after, ...) and prints each pair and the medians. On a shared or drifting machine a single run of each says little
# (the same build moved ±15% between runs here); pairs taken minutes apart compare the builds, not the moments.
#
# Usage: tests/OrleansVm.Benchmarks/http/run-http-bench-ab.sh BEFORE_DIR AFTER_DIR [PAIRS (3)]
#   BEFORE_DIR / AFTER_DIR: checkouts with a Release build of the silo (dotnet build src/OrleansVm.Silo -c Release);
#   e.g. `git worktree add /tmp/before <commit>` for the baseline. Each run: ROUNDS=1, WARMUP=10s unless set.
# Environment: as run-http-bench.sh (STORAGE, INSTANCES, CONNECTIONS, DURATION, SILO_ARGS ...).
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
before="$(cd "$1" && pwd)"; after="$(cd "$2" && pwd)"; pairs="${3:-3}"
export ROUNDS="${ROUNDS:-1}" WARMUP="${WARMUP:-10s}"
out="$(mktemp -d -t orleansvm-http-ab-XXXXXX)"
trap 'rm -rf "$out"' EXIT

value() { # file mode key -> the value of key in the mode's RESULT line
  grep "^$2 round=" "$1" | head -1 | tr ' ' '\n' | grep "^$3=" | cut -d= -f2
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-5s %-7s %10s %10s %8s %9s %11s %12s %7s\n' pair build "echo/s" "events/s" ratio "p50 ms" "CPU us/ev" "bytes/ev" calls
for pair in $(seq 1 "$pairs"); do
  for build in before after; do
    dir="$before"; [ "$build" = after ] && dir="$after"
    "$dir/tests/OrleansVm.Benchmarks/http/run-http-bench.sh" --no-build > "$out/$build-$pair.out" 2>&1 \
      || { echo "the $build run failed:" >&2; tail -20 "$out/$build-$pair.out" >&2; exit 1; }
    f="$out/$build-$pair.out"
    echo_rps=$(value "$f" echo rps); event_rps=$(value "$f" event rps)
    ratio=$(awk -v a="$event_rps" -v b="$echo_rps" 'BEGIN { printf "%.1f", 100 * a / b }')
    echo "$build $ratio $event_rps $(value "$f" event cpu_us_per_req) $(value "$f" event bytes_per_req)" >> "$out/rows"
    printf '%-5s %-7s %10s %10s %7s%% %9s %11s %12s %7s\n' "$pair" "$build" "$echo_rps" "$event_rps" "$ratio" \
      "$(value "$f" event p50_ms)" "$(value "$f" event cpu_us_per_req)" "$(value "$f" event bytes_per_req)" "$(value "$f" event calls_per_req)"
  done
done
for build in before after; do
  col() { grep "^$build " "$out/rows" | cut -d' ' -f"$1" | median; }
  echo "median $build: event/echo $(col 2)%, events/s $(col 3), CPU us/event $(col 4), bytes/event $(col 5)"
done
