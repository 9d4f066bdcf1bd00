#!/usr/bin/env bash
# Runs every test against the sanitised build and ends with "N passed, N failed".
#   unit:    build/asan/tests/test_*   (cmocka)
#   api:     tests/api/*.test.mjs      (node --test; a real server per file), twice:
#            on SQLite and, beside it, on PostgreSQL in a throwaway cluster (scripts/pg-cluster.sh)
#   browser: tests/browser/*.test.mjs  (node --test; Chromium via playwright-core)
#   fuzz:    build/fuzz/fuzz_*          (libFuzzer, a few seconds each; make fuzz runs them long)
# SAMEN_BIN points the JavaScript tests at the binary under test;
# SAMEN_TEST_ENGINE (sqlite, postgres) the servers at their engine (tests/lib/server.mjs).
# SAMEN_ENGINES="sqlite" (or "postgresql") runs the API suite on one engine only.
set -u
cd "$(dirname "$0")/.."
B=${B:-build}
export SAMEN_BIN=${SAMEN_BIN:-$PWD/$B/asan/samen}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$B/test-logs
mkdir -p "$log"
passed=0 failed=0

# A PostgreSQL cluster of our own for the unit test of db.h and the second
# run of the API tests, stopped again however the tests end.
engines=${SAMEN_ENGINES:-sqlite postgresql}
pg_up=0
case " $engines " in *" postgresql "*)
  if env=$(scripts/pg-cluster.sh start 2> "$log/pg-cluster.log"); then
    eval "$env"
    pg_stop() { if [ -n "${SAMEN_PG_DIR:-}" ]; then scripts/pg-cluster.sh stop "$SAMEN_PG_DIR"; SAMEN_PG_DIR=; fi; }
    trap pg_stop EXIT
    trap 'pg_stop; exit 130' INT TERM
    pg_up=1
  else
    echo "FAIL api-postgresql: geen PostgreSQL-cluster"; sed 's/^/    /' "$log/pg-cluster.log"
    failed=$((failed + 1))
  fi ;;
esac

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
# A target uses one core: they run as many side by side as there are cores,
# and are reported in their order.
fuzz_one() { # $1 = target; its verdict goes to $log/<name>.verdict
  local t=$1 name scratch
  name=$(basename "$t")
  scratch=$(mktemp -d)
  if timeout -k 10 120 "$t" -max_total_time="${FUZZ_SECONDS:-3}" -max_len=65536 -timeout=30 -rss_limit_mb=2048 -artifact_prefix="$log/$name-" \
       "$scratch" "tests/fuzz/corpus/$name" > "$log/$name.log" 2>&1; then
    echo "ok   $name ($(grep -oE 'Done [0-9]+ runs' "$log/$name.log" | grep -oE '[0-9]+') runs)" > "$log/$name.verdict"
  else
    { echo "FAIL $name"; grep -E 'ERROR|SUMMARY|Test unit written' "$log/$name.log" | head -5 | sed 's/^/    /'; } > "$log/$name.verdict"
  fi
  rm -rf "$scratch"
}
cores=$(nproc 2>/dev/null || echo 2)
fuzzers=()
for t in "$B"/fuzz/fuzz_*; do
  [ -x "$t" ] || continue
  fuzzers+=("$t")
  rm -f "$log/$(basename "$t").verdict"
  fuzz_one "$t" &
  while [ "$(jobs -rp | wc -l)" -ge "$cores" ]; do wait -n; done
done
wait
for t in "${fuzzers[@]}"; do
  name=$(basename "$t")
  if [ -f "$log/$name.verdict" ] && head -1 "$log/$name.verdict" | grep -q '^ok'; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  cat "$log/$name.verdict" 2>/dev/null || echo "FAIL $name (geen uitslag)"
done

# A node suite: its counts go to $log/<suite>.count and its summary to
# $log/<suite>.summary, so that two suites can run side by side; report
# adds them up and prints them.
run_node() { # $1 = suite name, rest = files
  local suite=$1; shift
  [ $# -gt 0 ] || return 0
  local out="$log/$suite.log"
  # A hung test must fail, not eat CI's time: 8 minutes per test file (node
  # counts a file as a test; a file of eight browser flows with axe takes
  # four minutes on a busy 2-core machine), 25 per suite.
  timeout -k 10 1500 node --test --test-concurrency=2 --test-timeout=480000 --test-reporter=tap "$@" > "$out" 2>&1
  local rc=$?
  local p f
  p=$(grep -E '^# pass [0-9]+' "$out" | tail -1 | grep -oE '[0-9]+')
  f=$(grep -E '^# fail [0-9]+' "$out" | tail -1 | grep -oE '[0-9]+')
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  echo "$p $f" > "$log/$suite.count"
  if [ "$f" -ne 0 ]; then
    { echo "FAIL $suite"
      grep -E '^not ok|^\s+(error|expected|actual|message|location):|failureType' "$out" | head -60 | sed 's/^/    /'
      echo "    (whole log: $out)"; } > "$log/$suite.summary"
  else
    echo "ok   $suite ($p)" > "$log/$suite.summary"
  fi
}
report() { # $1 = suite name
  [ -f "$log/$1.count" ] || return 0
  local p f
  read -r p f < "$log/$1.count"
  passed=$((passed + p)); failed=$((failed + f))
  cat "$log/$1.summary"
}

# The PostgreSQL run, beside the SQLite one: the tests wait on servers,
# fsync and hashing more than on the processor.
run_postgresql() {
  # The demo once, copied for every test server that asks for it (tests/lib/server.mjs).
  # samen demo into an empty PostgreSQL database: tests count on it (a failure fails the run).
  if SAMEN_TEST_ENGINE=postgres node --input-type=module \
    -e "await (await import('./tests/lib/server.mjs')).makeDemoTemplate('samen_demo')" >> "$log/pg-cluster.log" 2>&1; then
    export SAMEN_TEST_PG_DEMO=samen_demo
    echo "1 0" > "$log/api-postgresql-demo.count"; : > "$log/api-postgresql-demo.summary"
  else
    echo "0 1" > "$log/api-postgresql-demo.count"
    { echo "FAIL api-postgresql: samen demo in een lege PostgreSQL-database"; tail -20 "$log/pg-cluster.log" | sed 's/^/    /'; } \
      > "$log/api-postgresql-demo.summary"
  fi
  # And an empty, migrated one for every other server.
  if SAMEN_TEST_ENGINE=postgres node --input-type=module \
    -e "await (await import('./tests/lib/server.mjs')).makeEmptyTemplate('samen_leeg')" >> "$log/pg-cluster.log" 2>&1; then
    export SAMEN_TEST_PG_EMPTY=samen_leeg
  fi
  # What does not start a server (the layers, the migration files) is the
  # same on both engines: checked once, in the SQLite run.
  local pg_files=() f
  for f in tests/api/*.test.mjs; do
    case $f in */architectuur.test.mjs|*/migraties.test.mjs) ;; *) pg_files+=("$f") ;; esac
  done
  SAMEN_TEST_ENGINE=postgres run_node api-postgresql "${pg_files[@]}"
}

shopt -s nullglob
rm -f "$log"/*.count "$log"/*.summary

# The SQLite templates (tests/lib/server.mjs): the demo and an empty,
# migrated database, made once; every test server starts on a copy. A demo
# that cannot be made fails the run.
sqlite_templates() {
  if node --input-type=module -e "await (await import('./tests/lib/server.mjs')).makeDemoTemplate('$tpl/demo.db')" \
       > "$log/sqlite-templates.log" 2>&1; then
    export SAMEN_TEST_SQLITE_DEMO=$tpl/demo.db
    echo "1 0" > "$log/api-sqlite-demo.count"; : > "$log/api-sqlite-demo.summary"
  else
    echo "0 1" > "$log/api-sqlite-demo.count"
    { echo "FAIL api: samen demo in een nieuw SQLite-bestand"; tail -20 "$log/sqlite-templates.log" | sed 's/^/    /'; } \
      > "$log/api-sqlite-demo.summary"
  fi
  if node --input-type=module -e "await (await import('./tests/lib/server.mjs')).makeEmptyTemplate('$tpl/leeg.db')" \
       >> "$log/sqlite-templates.log" 2>&1; then
    export SAMEN_TEST_SQLITE_EMPTY=$tpl/leeg.db
  fi
}
pg_pid=
if [ "$pg_up" = 1 ]; then run_postgresql & pg_pid=$!; fi
tpl=$(mktemp -d)
trap 'rm -rf "$tpl"; if [ "$pg_up" = 1 ]; then pg_stop; fi' EXIT
case " $engines " in *" sqlite "*) sqlite_templates ;; esac
case " $engines " in *" sqlite "*) SAMEN_TEST_ENGINE=sqlite run_node api tests/api/*.test.mjs ;; esac
report api-sqlite-demo
report api
if [ -n "$pg_pid" ]; then
  wait "$pg_pid"
  report api-postgresql-demo
  report api-postgresql
  pg_stop
fi
SAMEN_TEST_ENGINE=sqlite run_node browser tests/browser/*.test.mjs
report browser

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
