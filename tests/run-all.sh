#!/usr/bin/env bash
# Runs every test of OrleansVm on a fresh machine: installs what the tests need when missing
# (PostgreSQL binaries and Chromium from Debian; the tests start and stop their own servers and
# browsers), runs the TypeScript SDK and playground tests with npm, builds the playground, runs
# every .NET test project, and ends with one line "total: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash tests/install-prerequisites.sh || { echo "installing prerequisites failed"; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
npm_passed=0; npm_failed=0
format_failed=0

# npm test suites (node's test runner or Vitest); counts read from their summaries.
run_npm_suite() {
  local dir="$1" log="$work/npm-$(basename "$1").log"
  echo "== npm test: $dir"
  if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error && npm test) >"$log" 2>&1; then
    status=1
    tail -40 "$log"
  fi
  local p f
  # node --test: "# pass N" / "ℹ pass N"; Vitest: "Tests  2 failed | 16 passed (18)" (colour codes stripped)
  count() { sed 's/\x1b\[[0-9;]*m//g' "$log" | awk -v word="$1" '
    $1 == "#" || $1 == "ℹ" { if ($2 == word) s += $3 }
    $1 == "Tests" { for (i = 2; i < NF; i++) if ($(i + 1) == word) s += $i }
    END { print s + 0 }'; }
  p=$(count pass); p=$((p + $(count passed)))
  f=$(count fail); f=$((f + $(count failed)))
  echo "   $p passed, $f failed"
  npm_passed=$((npm_passed + p)); npm_failed=$((npm_failed + f))
}
run_npm_suite src/OrleansVm.Client.TypeScript
run_npm_suite src/OrleansVm.Playground

echo "== npm run build: src/OrleansVm.Playground"
(cd src/OrleansVm.Playground && npm run build) >"$work/playground-build.log" 2>&1 || { status=1; tail -40 "$work/playground-build.log"; }

echo "== dotnet format (tests/format.sh --check; bash tests/format.sh fixes)"
if ! bash tests/format.sh --check >"$work/format.log" 2>&1; then
  status=1; format_failed=1
  grep -E "error (WHITESPACE|IMPORTS|IDE[0-9]+)" "$work/format.log" | sed "s|$root/||" | head -40 | grep . || tail -20 "$work/format.log"
fi

echo "== dotnet build"
if ! dotnet build OrleansVm.sln -c Release --nologo -v quiet -p:SkipPlaygroundBuild=true; then
  echo "total: 0 passed, $((1 + format_failed)) failed"
  exit 1
fi

echo "== dotnet test"
dotnet test OrleansVm.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$work/trx" || status=1

read -r dn_passed dn_failed dn_skipped < <(bash tests/summarize-trx.sh "$work/trx")
echo "total: $((dn_passed + npm_passed)) passed, $((dn_failed + npm_failed + format_failed)) failed, $dn_skipped skipped"
exit $status
