#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and the benchmarks: made in a
# temporary directory, reachable only through a Unix socket in that
# directory, owned by an unprivileged user, and removed again.
#
#   eval "$(scripts/pg-cluster.sh start)"   # sets SAMEN_PG_DIR and SAMEN_TEST_PG
#   eval "$(scripts/pg-cluster.sh start --durable)"   # fsync on, as in production (bench/)
#   psql "$SAMEN_TEST_PG dbname=postgres" -c 'select 1'
#   scripts/pg-cluster.sh stop "$SAMEN_PG_DIR"
#
# SAMEN_TEST_PG is a libpq connection string without a dbname; add
# "dbname=…" for a database. PostgreSQL refuses to run as root, so as root
# the cluster belongs to the 'postgres' user that Debian's package makes
# (created here when it is missing). For speed the tests' cluster does not
# fsync: it is thrown away, and the durability of a real one is
# docs/installatie.md's subject; --durable keeps PostgreSQL's defaults
# (fsync, full_page_writes, synchronous_commit) for the benchmarks.
# scripts/deps.sh installs Debian's postgresql.
set -euo pipefail
what=${1:-}

pgbin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && echo "$d"; done | sort -V | tail -1
}

as_owner() { # runs "$@" as the cluster's owner
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case $what in
start)
  fast="-c fsync=off -c full_page_writes=off"
  [ "${2:-}" = --durable ] && fast="-c fsync=on -c full_page_writes=on -c synchronous_commit=on"
  bin=$(pgbin)
  if [ -z "$bin" ]; then
    echo "pg-cluster: PostgreSQL is niet geïnstalleerd (scripts/deps.sh check installeert het)" >&2
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/samen-pg.XXXXXX")
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  owner=$(as_owner id -un)
  if ! as_owner "$bin/initdb" -D "$dir/data" -U "$owner" --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    exit 1
  fi
  # Only a socket in $dir: no port to collide with anything else on the machine.
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $dir $fast -c max_connections=300" \
    start >/dev/null 2>&1; then
    cat "$dir/server.log" >&2
    rm -rf "$dir"
    exit 1
  fi
  echo "export SAMEN_PG_DIR='$dir'"
  echo "export SAMEN_TEST_PG='host=$dir user=$owner'"
  ;;
stop)
  dir=${2:-${SAMEN_PG_DIR:-}}
  case $dir in
  */samen-pg.*) ;;
  *)
    echo "pg-cluster: stop verwacht de map die start gaf" >&2
    exit 2
    ;;
  esac
  bin=$(pgbin)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "gebruik: scripts/pg-cluster.sh start | stop MAP" >&2
  exit 2
  ;;
esac
