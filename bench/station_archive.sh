#!/usr/bin/env bash
# The AIS archive on a station (PostgreSQL + PostGIS), on a throwaway cluster
# (scripts/pg_cluster.sh, fsync on) that is removed at the end, also on failure.
#
#   bench/station_archive.sh [BUILD_DIR] [IMPORT_SENTENCES] [QUERY_FIXES]
#
# 1. Import: `seawatch ais import FILE --db postgresql://…` of the synthetic corpus of
#    seawatch_ais_decode_bench --write-corpus (IMPORT_SENTENCES, default 200000), A,B,A,B
#    against the same import into a new GeoPackage: wall and user CPU, fixes/s.
# 2. Query: QUERY_FIXES (default 10000000) fixes made on the server with generate_series, the
#    set bench/ais_query_bench.cpp builds for the GeoPackage figure (2,000 vessels over 30 days
#    in the Gulf of Aden and the Arabian Sea, a fix every 8.64 min each), one day-partition at
#    a time, indexed as `ais import` leaves it (GiST on geom, BRIN on time). Then a 1°×1° box
#    and a 6 h window at random places and times:
#    a. the SQL `ais query --db` sends (station/pg_archive.cpp), 500 runs with pgbench: p50, p99;
#    b. station::queryAisArchive (bench/station_archive_bench.cpp): held connection, and
#       connect + schema check + query each time; p50, p99;
#    c. `seawatch ais query --db postgresql://… --format jsonl` end to end (process start,
#       connect, schema check, query, output), 50 runs: p50, p90.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
import_sentences="${2:-200000}"
query_fixes="${3:-10000000}"
seawatch="$build/src/app/seawatch"
corpus_tool="$build/bench/seawatch_ais_decode_bench"
[ -x "$seawatch" ] || { echo "no $seawatch: build the seawatch target first" >&2; exit 1; }
[ -x "$corpus_tool" ] || { echo "no $corpus_tool: build seawatch_ais_decode_bench" >&2; exit 1; }
# Optional: seawatch_station_archive_bench (step 2b).

dir="$(mktemp -d "${TMPDIR:-/tmp}/seawatch_pg.XXXXXX")"
work="$(mktemp -d "${TMPDIR:-/tmp}/seawatch_archive_bench.XXXXXX")"
trap '"$root/scripts/pg_cluster.sh" stop "$dir"; rm -rf "$work"' EXIT
eval "$("$root/scripts/pg_cluster.sh" start "$dir" --owner-pid $$ --fsync)"
export PGHOST PGPORT PGUSER
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  load average: $(cat /proc/loadavg)"

# 1. Import, A (GeoPackage) B (PostgreSQL) A B; each PostgreSQL run into a fresh database.
"$corpus_tool" --write-corpus "$work/corpus.nmea" "$import_sentences" >/dev/null
for run in 1 2; do
  rm -f "$work/a.gpkg"*
  /usr/bin/time -f "gpkg run $run: %e s wall, %U s user" \
    "$seawatch" ais import "$work/corpus.nmea" --db "$work/a.gpkg" 2>&1 >"$work/gpkg.out"
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS imp WITH (FORCE)" -c "CREATE DATABASE imp" >/dev/null
  uri="postgresql:///imp?host=$PGHOST&port=$PGPORT&user=postgres"
  "$seawatch" station init "$uri" >/dev/null
  start=$(date +%s.%N)
  /usr/bin/time -f "pg   run $run: %e s wall, %U s user (client)" \
    "$seawatch" ais import "$work/corpus.nmea" --db "$uri" 2>&1 >"$work/pg.out"
  end=$(date +%s.%N)
  fixes=$(psql -qAtX -d imp -c "SELECT count(*) FROM ais_fixes")
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print('  pg import: %d fixes in %.2f s = %.0f fixes/s' % (n, s, n/s))" "$start" "$end" "$fixes"
done
cmp -s "$work/gpkg.out" "$work/pg.out" || { echo "import summaries differ:"; cat "$work/gpkg.out" "$work/pg.out"; }
head -n 1 "$work/pg.out"

# 2. Query: QUERY_FIXES fixes on the server.
psql -qX -d postgres -c "CREATE DATABASE bench" >/dev/null
uri="postgresql:///bench?host=$PGHOST&port=$PGPORT&user=postgres"
"$seawatch" station init "$uri" >/dev/null
per_vessel=$((query_fixes / 2000))
start=$(date +%s.%N)
psql -qX -d bench -v ON_ERROR_STOP=1 >/dev/null <<EOF
SET timezone = 'UTC';
CREATE TABLE vessels AS
  SELECT v, 10.5 + 5.0 * random() AS la, 43.0 + 17.0 * random() AS lo
  FROM generate_series(0, 1999) v;
-- Fix i of a vessel is at kT0 + i * 30 days / per_vessel; each day is filled alone, in time
-- order (as a live archive fills), then attached, which builds its GiST (sorted) and BRIN.
DO \$\$
DECLARE
  t0 timestamptz := '2009-11-15T00:00:00Z';
  step_ms bigint := 30::bigint * 86400000 / $per_vessel;
  d int;
  first_i bigint;
  last_i bigint;
  part text;
BEGIN
  FOR d IN 0..29 LOOP
    part := 'ais_fixes_' || to_char(t0 + d * interval '1 day', 'YYYYMMDD');
    first_i := (d * 86400000::bigint + step_ms - 1) / step_ms;
    last_i := least(((d + 1) * 86400000::bigint + step_ms - 1) / step_ms, $per_vessel) - 1;
    EXECUTE format('CREATE TABLE %I (LIKE ais_fixes INCLUDING DEFAULTS INCLUDING GENERATED '
                   'INCLUDING CONSTRAINTS)', part);
    EXECUTE format('INSERT INTO %I (mmsi, time, lat, lon, sog, cog, heading, nav_status, msg_type) '
      'SELECT 400000000 + v, %L::timestamptz + i * %s * interval ''1 millisecond'', '
      '  la + 2.0 * sin(i::float8 / %s * 6.0 + v), lo + 8.0 * (i::float8 / %s - 0.5), '
      '  12.5, 80.0, 81.0, 0, 1 '
      'FROM vessels, generate_series(%s::bigint, %s::bigint) i ORDER BY i, v',
      part, t0, step_ms, $per_vessel, $per_vessel, first_i, last_i);
    EXECUTE format('ALTER TABLE ais_fixes ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
      part, t0 + d * interval '1 day', t0 + (d + 1) * interval '1 day');
  END LOOP;
END \$\$;
INSERT INTO ais_static (mmsi, name) SELECT 400000000 + v, 'VESSEL ' || v FROM vessels;
VACUUM ANALYZE ais_fixes;
EOF
end=$(date +%s.%N)
python3 -c "import sys; print('generated %s fixes on the server in %.0f s' % (sys.argv[3], float(sys.argv[2])-float(sys.argv[1])))" "$start" "$end" "$(psql -qAtX -d bench -c 'SELECT count(*) FROM ais_fixes')"
psql -qAtX -d bench -c "SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) FROM pg_inherits WHERE inhparent = 'ais_fixes'::regclass" | sed 's/^/archive size on disk: /'

# a. The SQL of station::queryAisArchive, random 1°×1° box and 6 h window, as in
#    bench/ais_query_bench.cpp (lat 11..14, lon 45..57, start anywhere but the last 6 h).
cat >"$work/query.sql" <<'EOF'
\set la random(1100, 1400)
\set lo random(4500, 5700)
\set t random(0, 2570400)
SELECT mmsi, (extract(epoch FROM time) * 1000)::bigint, lat, lon, sog, cog, heading FROM ais_fixes WHERE true AND time >= timestamptz '2009-11-15T00:00:00Z' + :t * interval '1 second' AND time <= timestamptz '2009-11-15T06:00:00Z' + :t * interval '1 second' AND geom && ST_MakeEnvelope(:lo / 100.0, :la / 100.0, :lo / 100.0 + 1, :la / 100.0 + 1, 4326) AND lon BETWEEN :lo / 100.0 AND :lo / 100.0 + 1 AND lat BETWEEN :la / 100.0 AND :la / 100.0 + 1 ORDER BY mmsi, time;
EOF
psql -qAtX -d bench >"$work/plan.txt" <<'EOF'
EXPLAIN (ANALYZE, BUFFERS) SELECT mmsi, (extract(epoch FROM time) * 1000)::bigint, lat, lon, sog, cog, heading FROM ais_fixes WHERE true AND time >= '2009-11-27T10:00:00Z'::timestamptz AND time <= '2009-11-27T16:00:00Z'::timestamptz AND geom && ST_MakeEnvelope(50, 12, 51, 13, 4326) AND lon BETWEEN 50 AND 51 AND lat BETWEEN 12 AND 13 ORDER BY mmsi, time;
EOF
sed 's/^/  plan: /' "$work/plan.txt"
(cd "$work" && pgbench -n -M prepared -f query.sql -t 500 -l bench >/dev/null 2>&1)
python3 - "$work" "$query_fixes" <<'EOF'
import glob, sys
lat = sorted(int(line.split()[2]) for f in glob.glob(sys.argv[1] + "/pgbench_log.*") for line in open(f))
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] / 1000.0
print("query SQL (1x1 deg box + 6 h window over %s fixes, pgbench prepared): p50 %.2f ms, p99 %.2f ms over %d runs"
      % (sys.argv[2], p(0.5), p(0.99), len(lat)))
EOF

# b. The library call `ais query --db` makes (station::queryAisArchive), on one connection and
#    connecting each time: bench/station_archive_bench.cpp.
if [ -x "$build/bench/seawatch_station_archive_bench" ]; then
  SEAWATCH_BENCH_PG="$uri" "$build/bench/seawatch_station_archive_bench" 2>&1 | grep BM_
fi

# c. End to end through the command, as a user runs it (process start included: compare
#    `seawatch --version`).
python3 - "$seawatch" "$uri" <<'EOF'
import random, subprocess, sys, time, datetime
seawatch, uri = sys.argv[1], sys.argv[2]
rnd = random.Random(3)
t0 = datetime.datetime(2009, 11, 15, tzinfo=datetime.timezone.utc)
times, rows = [], 0
for _ in range(50):
    la, lo = rnd.uniform(11, 14), rnd.uniform(45, 57)
    start = t0 + datetime.timedelta(seconds=rnd.uniform(0, 30 * 86400 - 6 * 3600))
    end = start + datetime.timedelta(hours=6)
    fmt = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    args = [seawatch, "ais", "query", "--db", uri, "--bbox", "%.4f,%.4f,%.4f,%.4f" % (lo, la, lo + 1, la + 1),
            "--from", fmt(start), "--to", fmt(end), "--format", "jsonl"]
    s = time.perf_counter()
    out = subprocess.run(args, check=True, capture_output=True).stdout
    times.append((time.perf_counter() - s) * 1000)
    rows += out.count(b"\n")
times.sort()
base = []
for _ in range(20):
    s = time.perf_counter()
    subprocess.run([seawatch, "--version"], check=True, capture_output=True)
    base.append((time.perf_counter() - s) * 1000)
base.sort()
print("seawatch ais query --db (end to end, 50 runs): p50 %.1f ms, p90 %.1f ms, %.0f rows a query;"
      " seawatch --version p50 %.1f ms"
      % (times[len(times) // 2], times[int(len(times) * 0.9)], rows / 50, base[len(base) // 2]))
EOF
echo "load average: $(cat /proc/loadavg)"
