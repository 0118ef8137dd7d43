#!/usr/bin/env bash
# A throwaway PostgreSQL for the test suites: installs Debian's `postgresql` when no server binaries
# are found (needs root and apt), initialises a cluster in a temp dir, starts it on 127.0.0.1 (port
# $HERALD_PG_PORT, default 54329; socket in the same dir), creates database herald_test and exports
# HERALD_TEST_DATABASE_URL. Quick and idempotent when PostgreSQL is installed: a server this script
# started and left running is reused.
#
#   source .ci/services.sh      # .ci/run does this; defines stop_services (run on shell exit too, if it started the server)
#   bash .ci/services.sh start  # developers: start, and print the export line for your shell
#   bash .ci/services.sh stop   # stop the server and remove its dir
#   bash .ci/services.sh status
#
# Then: `npx vitest run tests/store` runs the PostgreSQL suites too.
# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.

HERALD_PG_PORT="${HERALD_PG_PORT:-54329}"
HERALD_PG_DIR="${HERALD_PG_DIR:-${TMPDIR:-/tmp}/herald-pg-$HERALD_PG_PORT}"
HERALD_PG_DB="herald_test"
HERALD_PG_USER="herald"

__herald_pg_say() { printf 'services: %s\n' "$*"; }

# Newest Debian server install first, then whatever is on PATH (Homebrew, other distributions).
__herald_pg_bindir() {
  local dir
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  dir="$(command -v initdb 2>/dev/null)" || return 1
  dirname "$dir"
}

__herald_pg_install() {
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    __herald_pg_say "PostgreSQL is not installed; install it (Debian: apt-get install postgresql) and retry"
    return 1
  fi
  __herald_pg_say "installing PostgreSQL from Debian packages (apt-get update, apt-get install postgresql)"
  # No default cluster: the package would otherwise create one and start it on port 5432.
  mkdir -p /etc/postgresql-common
  [ -f /etc/postgresql-common/createcluster.conf ] || echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300) log
  log="$(mktemp)"
  if ! { "${apt[@]}" update && "${apt[@]}" install -y --no-install-recommends -o Dpkg::Options::=--force-confold postgresql; } >"$log" 2>&1; then
    tail -n 20 "$log"; rm -f "$log"; __herald_pg_say "installing PostgreSQL failed"; return 1
  fi
  rm -f "$log"
  # Whatever cluster the install started anyway is not ours to leave running.
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters -h 2>/dev/null | awk '$4 == "online" { print $1, $2 }' | while read -r version cluster; do
      __herald_pg_say "stopping cluster $version/$cluster that the install started"
      pg_ctlcluster "$version" "$cluster" stop
    done
  fi
}

# Runs a server binary as the cluster's owner: `postgres` when we are root, else ourselves.
__herald_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

__herald_pg_url() {
  echo "postgres://$HERALD_PG_USER@127.0.0.1:$HERALD_PG_PORT/$HERALD_PG_DB"
}

__herald_pg_running() {
  [ -f "$HERALD_PG_DIR/data/postmaster.pid" ] && __herald_pg_as_owner "$1/pg_ctl" status -D "$HERALD_PG_DIR/data" >/dev/null 2>&1
}

__herald_pg_start() {
  local bin started
  started=$(date +%s)
  bin="$(__herald_pg_bindir)" || { __herald_pg_install && bin="$(__herald_pg_bindir)"; } || return 1
  if __herald_pg_running "$bin"; then
    __herald_pg_say "PostgreSQL already running in $HERALD_PG_DIR (port $HERALD_PG_PORT)"
  else
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$HERALD_PG_PORT" 2>/dev/null; then
      __herald_pg_say "port $HERALD_PG_PORT is taken by another server; set HERALD_PG_PORT to a free port"
      return 1
    fi
    rm -rf "$HERALD_PG_DIR"
    mkdir -p "$HERALD_PG_DIR" || return 1
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$HERALD_PG_DIR" || return 1; fi
    __herald_pg_say "initialising a cluster in $HERALD_PG_DIR ($("$bin/postgres" --version))"
    __herald_pg_as_owner "$bin/initdb" -D "$HERALD_PG_DIR/data" -U "$HERALD_PG_USER" --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$HERALD_PG_DIR/initdb.log" 2>&1 ||
      { tail -n 20 "$HERALD_PG_DIR/initdb.log"; __herald_pg_say "initdb failed"; return 1; }
    # A test database: durability off, only loopback and the private socket.
    __herald_pg_as_owner "$bin/pg_ctl" start -w -t 60 -D "$HERALD_PG_DIR/data" -l "$HERALD_PG_DIR/server.log" \
      -o "-p $HERALD_PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$HERALD_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null ||
      { tail -n 20 "$HERALD_PG_DIR/server.log"; __herald_pg_say "PostgreSQL did not start"; return 1; }
    __herald_pg_started_here=1
    "$bin/psql" -q -h 127.0.0.1 -p "$HERALD_PG_PORT" -U "$HERALD_PG_USER" -d postgres -c "CREATE DATABASE $HERALD_PG_DB" >/dev/null ||
      { __herald_pg_say "could not create database $HERALD_PG_DB"; return 1; }
  fi
  HERALD_TEST_DATABASE_URL="$(__herald_pg_url)"
  export HERALD_TEST_DATABASE_URL
  __herald_pg_say "PostgreSQL ready in $(($(date +%s) - started)) s: HERALD_TEST_DATABASE_URL=$HERALD_TEST_DATABASE_URL"
}

__herald_pg_stop() {
  local bin
  [ -d "$HERALD_PG_DIR" ] || return 0
  if bin="$(__herald_pg_bindir)" && __herald_pg_running "$bin"; then
    __herald_pg_as_owner "$bin/pg_ctl" stop -m fast -w -D "$HERALD_PG_DIR/data" >/dev/null 2>&1 ||
      __herald_pg_as_owner "$bin/pg_ctl" stop -m immediate -w -D "$HERALD_PG_DIR/data" >/dev/null 2>&1
    __herald_pg_say "PostgreSQL stopped"
  fi
  rm -rf "$HERALD_PG_DIR"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced (by .ci/run or a developer's shell): start now; stop on stop_services, or when the shell
  # exits if this shell started the server (one started by `bash .ci/services.sh start` is left alone).
  stop_services() { __herald_pg_stop; }
  __herald_pg_exit() { if [ "${__herald_pg_started_here:-0}" = 1 ]; then __herald_pg_stop; fi; }
  __herald_pg_keep_trap() { __herald_pg_prev_trap="${2:-}"; }
  __herald_pg_prev_trap=""
  __herald_pg_trap="$(trap -p EXIT)"
  [ -n "$__herald_pg_trap" ] && eval "__herald_pg_keep_trap ${__herald_pg_trap#trap }"
  # shellcheck disable=SC2064 # the previous trap is captured now, on purpose
  trap "__herald_pg_exit; $__herald_pg_prev_trap" EXIT
  __herald_pg_start
else
  case "${1:-start}" in
    start) __herald_pg_start && echo "export HERALD_TEST_DATABASE_URL=$HERALD_TEST_DATABASE_URL" ;;
    stop) __herald_pg_stop ;;
    status)
      if bin="$(__herald_pg_bindir)" && __herald_pg_running "$bin"; then echo "running: $(__herald_pg_url)"; else echo "stopped"; exit 1; fi ;;
    *) echo "usage: bash .ci/services.sh [start|stop|status]   (or: source .ci/services.sh)" >&2; exit 2 ;;
  esac
fi
