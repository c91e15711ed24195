#!/usr/bin/env bash
# Adds up the counters of every .trx file in a folder and prints "total: N passed, N failed, N skipped".
dir="$1"
passed=0; failed=0; skipped=0
for f in "$dir"/*.trx; do
  [ -f "$f" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line"); p=${p:-0}
  fl=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line"); fl=${fl:-0}
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$line"); t=${t:-0}
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$line"); e=${e:-0}
  passed=$((passed + p)); failed=$((failed + fl)); skipped=$((skipped + t - e))
done
echo "total: $passed passed, $failed failed, $skipped skipped"
