#!/usr/bin/env bash
# Live delivery on one station (issue 11): STATIONS stations on one throwaway cluster
# (scripts/pg_cluster.sh, fsync on), each following the coordination log and posting RATE
# entries/s for SECONDS s; post -> seen latency p50/p99 and lost entries.
#
#   bench/station_latency.sh [BUILD_DIR] [STATIONS=20] [RATE=50] [SECONDS=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
bench="$build/bench/seawatch_station_latency_bench"
seawatch="$build/src/app/seawatch"
[ -x "$bench" ] || { echo "no $bench: build seawatch_station_latency_bench first" >&2; exit 1; }
dir="$(mktemp -d "${TMPDIR:-/tmp}/seawatch_pg.XXXXXX")"
trap '"$root/scripts/pg_cluster.sh" stop "$dir"' EXIT
eval "$("$root/scripts/pg_cluster.sh" start "$dir" --owner-pid $$ --fsync)"
export PGHOST PGPORT PGUSER
psql -qX -d postgres -c "CREATE DATABASE latency" >/dev/null
uri="postgresql:///latency?host=$PGHOST&port=$PGPORT&user=postgres"
"$seawatch" station init "$uri" >/dev/null
echo "load average: $(cat /proc/loadavg)"
"$bench" "$uri" "${2:-20}" "${3:-50}" "${4:-10}"
echo "load average: $(cat /proc/loadavg)"
