#!/usr/bin/env bash
# Applies the tree's .editorconfig to every C# file: `bash tests/format.sh` rewrites files,
# `bash tests/format.sh --check` only reports (exit 1 when something is off; tests/run-all.sh runs it).
# Whitespace and import order need no compilation (folder mode, fast); IDE style rules need the
# solution loaded and compiled. Third-party analyzers are not run here: the build already fails on
# their warnings (TreatWarningsAsErrors). dotnet format reports but cannot fix naming (IDE1006):
# fixing first renames private fields to _camelCase with tests/rename-private-fields.cs (Roslyn).
set -uo pipefail
cd "$(dirname "$0")/.."

verify=()
if [[ "${1:-}" == "--check" ]]; then verify=(--verify-no-changes); fi

status=0
if [[ ${#verify[@]} -eq 0 ]]; then
  dotnet run tests/rename-private-fields.cs -- src tests || status=1
fi
dotnet format whitespace . --folder --exclude '**/obj/**' '**/bin/**' '**/node_modules/**' "${verify[@]}" || status=1
dotnet restore OrleansVm.sln --nologo -v quiet >/dev/null || exit 1
dotnet format style OrleansVm.sln --no-restore --severity warn "${verify[@]}" || status=1
exit $status
