#!/usr/bin/env bash
# Installs what samen needs to build, test and run, when it is missing.
#   scripts/deps.sh build   — compiler and libraries
#   scripts/deps.sh check   — also Chromium and the npm packages for the browser tests, and
#                             PostgreSQL for the second run of the API tests (scripts/pg-cluster.sh),
#                             clang with libFuzzer (libclang-rt-dev) for the fuzz targets
#   scripts/deps.sh bench   — also the peer tools the benchmarks compare with
#   scripts/deps.sh format  — clang-format only (make format)
# Only Debian packages and npm packages; nothing is downloaded from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}

pkgs=(gcc make pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev
      libgnutls28-dev libcmocka-dev libical-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev libfontconfig-dev
      fonts-dejavu-core nodejs)
case $what in
  check) pkgs+=(chromium-headless-shell fonts-liberation curl openssl hledger ledger sqlite3 poppler-utils glpk-utils clang libclang-rt-dev postgresql) ;;
  bench) pkgs+=(chromium fonts-liberation curl hyperfine hledger ledger glpk-utils postgresql sqlite3 wrk) ;;
  format) pkgs=(clang-format) ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
[ "$what" = format ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
  # Debian's nodejs ships npm separately; NodeSource's nodejs includes it.
  DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -qq npm >&2
fi

# npm: the NL Design System CSS (served by the UI) and, for checks, playwright-core and axe-core.
stamp=node_modules/.samen-installed
if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "deps: npm packages" >&2
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error >&2
  else npm install --no-audit --no-fund --loglevel=error >&2; fi
  touch "$stamp"
fi
