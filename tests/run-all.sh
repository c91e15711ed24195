#!/usr/bin/env bash
# Runs every test of OrleansVm on a fresh machine: installs what the tests need
# (PostgreSQL binaries; the tests start and stop their own throwaway servers), then runs
# the .NET test projects and prints one summary line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

source tests/install-prerequisites.sh

results_dir="$(mktemp -d)"
trap 'rm -rf "$results_dir"' EXIT

dotnet build OrleansVm.sln -c Release --nologo -v quiet
status=0
dotnet test OrleansVm.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results_dir" || status=$?

bash tests/summarize-trx.sh "$results_dir"
exit $status
