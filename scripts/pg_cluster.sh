#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for tests and benchmarks.
#
#   scripts/pg_cluster.sh start DIR [--owner-pid PID] [--fsync]
#       initdb in DIR/data (DIR must exist and be empty or absent), pick a free port, start the
#       server with its unix socket in DIR and TCP on 127.0.0.1, install PostGIS in template1
#       when the server has it, and print shell assignments: PGHOST=DIR PGPORT=N PGUSER=postgres
#       SEAWATCH_PG_POSTGIS=0|1. With --owner-pid, a watchdog stops the server and removes DIR
#       as soon as that process is gone, so a crashed or killed test run leaves nothing behind.
#   scripts/pg_cluster.sh stop DIR      stop the server (fast shutdown) and remove DIR
#   scripts/pg_cluster.sh kill DIR      kill -9 the postmaster (fault tests); DIR stays
#   scripts/pg_cluster.sh restart DIR   start a stopped or killed cluster again on its port
#   scripts/pg_cluster.sh sweep         stop clusters under ${TMPDIR:-/tmp} whose owner is gone
#   scripts/pg_cluster.sh bindir        print the server's bin folder, or fail saying why
#
# As root the server runs as the `postgres` user (PostgreSQL refuses to run as root). The
# superuser is always named `postgres` and may connect through the socket without a
# password; every other role needs its password (scram-sha-256), over the socket or TCP.
set -euo pipefail

die() {
  printf 'pg_cluster: %s\n' "$*" >&2
  exit 1
}

find_bindir() {
  if [ -n "${SEAWATCH_PG_BINDIR:-}" ] && [ -x "$SEAWATCH_PG_BINDIR/initdb" ]; then
    echo "$SEAWATCH_PG_BINDIR"
    return 0
  fi
  local dir
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 - <<'EOF' 2>/dev/null && return 0
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
  # No python: try ports from a pid-derived start until one is not listening.
  local port=$((20000 + ($$ * 7) % 30000))
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

write_config() {
  local dir="$1" port="$2" fsync="$3"
  cat >>"$dir/data/postgresql.conf" <<EOF
# seawatch test cluster
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = $fsync
synchronous_commit = on
full_page_writes = $fsync
wal_level = logical
max_wal_senders = 10
max_replication_slots = 10
max_connections = 200
logging_collector = off
log_min_messages = warning
EOF
  cat >"$dir/data/pg_hba.conf" <<'EOF'
# TYPE  DATABASE     USER      ADDRESS        METHOD
local   all          postgres                 trust
local   replication  postgres                 trust
local   all          all                      scram-sha-256
host    all          all       127.0.0.1/32   scram-sha-256
host    replication  all       127.0.0.1/32   scram-sha-256
EOF
}

start_server() {
  local dir="$1" bindir="$2"
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    </dev/null >/dev/null 2>&1
}

watchdog() {
  local dir="$1" owner="$2" bindir="$3"
  # setsid: the watchdog must not die with the owner's process group, and its descriptors
  # go to /dev/null so that a caller reading our output through a pipe sees EOF at once.
  setsid bash -c '
    dir="$1"; owner="$2"; bindir="$3"; me="$4"
    while kill -0 "$owner" 2>/dev/null && [ -d "$dir/data" ]; do sleep 1; done
    if [ -d "$dir/data" ]; then "$me" stop "$dir"; fi
  ' watchdog "$dir" "$owner" "$bindir" "$(readlink -f "$0")" </dev/null >/dev/null 2>&1 &
}

cmd_start() {
  local dir="" owner="" fsync=off
  while [ $# -gt 0 ]; do
    case "$1" in
      --owner-pid) owner="$2"; shift 2 ;;
      --fsync) fsync=on; shift ;;
      *) [ -z "$dir" ] || die "unexpected argument $1"; dir="$1"; shift ;;
    esac
  done
  [ -n "$dir" ] || die "usage: pg_cluster.sh start DIR [--owner-pid PID] [--fsync]"
  local bindir
  bindir="$(find_bindir)" || die "no PostgreSQL server binaries (initdb, pg_ctl) found; install postgresql-15"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [ ! -e "$dir/data" ] || die "$dir/data exists already"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root and there is no postgres user to run the server"
    chown postgres "$dir"
  fi
  chmod 700 "$dir"
  [ -z "$owner" ] || echo "$owner" >"$dir/owner.pid"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 \
    --locale=C >"$dir/initdb.log" 2>&1 || die "initdb failed: $(tail -n 3 "$dir/initdb.log")"
  local attempt port
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    cp "$dir/data/postgresql.conf" "$dir/postgresql.conf.orig" 2>/dev/null || true
    write_config "$dir" "$port" "$fsync"
    if start_server "$dir" "$bindir"; then
      break
    fi
    # Another process took the port between the probe and the start: try another one.
    cp "$dir/postgresql.conf.orig" "$dir/data/postgresql.conf"
    port=""
  done
  [ -n "$port" ] || die "the server did not start: $(tail -n 5 "$dir/server.log" 2>/dev/null)"
  echo "$port" >"$dir/port"
  [ -z "$owner" ] || watchdog "$dir" "$owner" "$bindir"
  local postgis=0
  if "$bindir/psql" -h "$dir" -p "$port" -U postgres -d template1 -qAtX -v ON_ERROR_STOP=1 \
    -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null 2>"$dir/postgis.log"; then
    postgis=1
  fi
  printf 'PGHOST=%s\nPGPORT=%s\nPGUSER=postgres\nSEAWATCH_PG_POSTGIS=%s\n' "$dir" "$port" "$postgis"
}

cmd_stop() {
  local dir="${1:?usage: pg_cluster.sh stop DIR}"
  [ -d "$dir" ] || return 0
  local bindir
  if bindir="$(find_bindir)" && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

cmd_kill() {
  local dir="${1:?usage: pg_cluster.sh kill DIR}"
  local pid
  pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null)" || die "no running server in $dir"
  kill -9 "$pid"
  # Children notice the postmaster is gone and exit; wait for the socket to go away too.
  local i
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
}

cmd_restart() {
  local dir="${1:?usage: pg_cluster.sh restart DIR}"
  local bindir
  bindir="$(find_bindir)" || die "no PostgreSQL server binaries found"
  # A kill -9 leaves backends that may still hold shared memory for a moment.
  local i
  for i in $(seq 1 50); do
    start_server "$dir" "$bindir" && return 0
    sleep 0.2
  done
  die "the server in $dir did not restart: $(tail -n 5 "$dir/server.log")"
}

cmd_sweep() {
  local root="${TMPDIR:-/tmp}" dir owner
  for dir in "$root"/seawatch_pg.*; do
    [ -f "$dir/owner.pid" ] || continue
    owner="$(cat "$dir/owner.pid")"
    if ! kill -0 "$owner" 2>/dev/null; then cmd_stop "$dir"; fi
  done
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  kill) shift; cmd_kill "$@" ;;
  restart) shift; cmd_restart "$@" ;;
  sweep) shift; cmd_sweep ;;
  bindir) find_bindir || die "no PostgreSQL server binaries (initdb, pg_ctl) found" ;;
  *) die "usage: pg_cluster.sh start|stop|kill|restart|sweep|bindir ..." ;;
esac
