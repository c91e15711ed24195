#!/usr/bin/env bash
# Adds up the counters of every .trx file in a folder; prints "PASSED FAILED SKIPPED".
dir="$1"
passed=0; failed=0; skipped=0
for f in "$dir"/*.trx; do
  [ -f "$f" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$line"; }
  p=$(get passed); fl=$(get failed); t=$(get total); e=$(get executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo "$passed $failed $skipped"
