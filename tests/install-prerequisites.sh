#!/usr/bin/env bash
# Installs the Debian packages the tests need, only when missing: PostgreSQL's server binaries
# (tests run their own throwaway servers) and Chromium (browser tests drive it with Playwright).
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing ${need[*]} (needed by the tests)..."
sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts a default cluster on install; the tests never use it, so stop it.
if command -v pg_lsclusters >/dev/null 2>&1; then
  pg_lsclusters -h 2>/dev/null | while read -r version cluster _; do
    $sudo pg_ctlcluster "$version" "$cluster" stop 2>/dev/null || true
  done
fi
