#!/usr/bin/env bash
# Runs every test against the sanitised build and ends with "N passed, N failed".
#   unit:    build/asan/tests/test_*   (cmocka)
#   api:     tests/api/*.test.mjs      (node --test; a real server per file)
#   browser: tests/browser/*.test.mjs  (node --test; Chromium via playwright-core)
#   fuzz:    build/fuzz/fuzz_*          (libFuzzer, a few seconds each; make fuzz runs them long)
# SAMEN_BIN points the JavaScript tests at the binary under test.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
export SAMEN_BIN=${SAMEN_BIN:-$PWD/$B/asan/samen}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$B/test-logs
mkdir -p "$log"
passed=0 failed=0

for t in "$B"/asan/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  if timeout -k 10 300 "$t" > "$log/$name.log" 2>&1; then rc=0; else rc=$?; fi
  p=$(grep -oE '^\[  PASSED  \] [0-9]+' "$log/$name.log" | grep -oE '[0-9]+$' | awk '{s+=$1} END {print s+0}')
  f=$(grep -oE '^\[  FAILED  \] [0-9]+' "$log/$name.log" | grep -oE '[0-9]+$' | awk '{s+=$1} END {print s+0}')
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed or sanitizer report
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -ne 0 ]; then echo "FAIL $name"; sed 's/^/    /' "$log/$name.log" | tail -40; else echo "ok   $name ($p)"; fi
done

# Fuzz targets (make fuzz runs them long): each briefly from its seeds, a
# crash or sanitizer report fails it. New inputs go to a scratch directory.
for t in "$B"/fuzz/fuzz_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  scratch=$(mktemp -d)
  if timeout -k 10 120 "$t" -max_total_time="${FUZZ_SECONDS:-5}" -max_len=65536 -timeout=30 -rss_limit_mb=2048 -artifact_prefix="$log/$name-" \
       "$scratch" "tests/fuzz/corpus/$name" > "$log/$name.log" 2>&1; then
    passed=$((passed + 1)); echo "ok   $name ($(grep -oE 'Done [0-9]+ runs' "$log/$name.log" | grep -oE '[0-9]+') runs)"
  else
    failed=$((failed + 1)); echo "FAIL $name"; grep -E 'ERROR|SUMMARY|Test unit written' "$log/$name.log" | head -5 | sed 's/^/    /'
  fi
  rm -rf "$scratch"
done

run_node() { # $1 = suite name, rest = files
  local suite=$1; shift
  [ $# -gt 0 ] || return 0
  local out="$log/$suite.log"
  # A hung test must fail, not eat CI's time: 4 minutes per test, 25 per suite.
  timeout -k 10 1500 node --test --test-concurrency=2 --test-timeout=240000 --test-reporter=tap "$@" > "$out" 2>&1
  local rc=$?
  local p f
  p=$(grep -E '^# pass [0-9]+' "$out" | tail -1 | grep -oE '[0-9]+')
  f=$(grep -E '^# fail [0-9]+' "$out" | tail -1 | grep -oE '[0-9]+')
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -ne 0 ]; then
    echo "FAIL $suite"
    grep -E '^not ok|^\s+(error|expected|actual|message|location):|failureType' "$out" | head -60 | sed 's/^/    /'
    echo "    (whole log: $out)"
  else
    echo "ok   $suite ($p)"
  fi
}

shopt -s nullglob
run_node api tests/api/*.test.mjs
run_node browser tests/browser/*.test.mjs

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
