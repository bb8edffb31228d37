#!/usr/bin/env bash
# Shared-station (PostgreSQL + PostGIS) timings, on a throwaway cluster (scripts/pg_cluster.sh,
# fsync on) that is removed at the end, also on failure.
#
#   bench/station_bench.sh [BUILD_DIR] [IMPORT_ROWS] [QUERY_ROWS] [CORPUS] [STORED_ROWS]
#
# 1. `seawatch incidents import FILE --db postgresql://…` of an NGA ASAM CSV of IMPORT_ROWS
#    rows (default 100000): wall time and rows/s, parse + COPY + merge, and the client's CPU.
#    CORPUS `synthetic` (default): generated rows; `real`: the 400-row NGA sample
#    (../shared/testdata/incidents/asam_export_sample.csv) repeated with unique references,
#    as bench/asam_import.sh makes it (460-byte rows with real narratives). STORED_ROWS
#    (default 0): synthetic incidents the station holds before the import (as in step 2), for
#    an import into a station that is not empty.
# 2. bbox + time + category over QUERY_ROWS synthetic incidents (default 1000000): the SQL
#    that `incidents query --db postgresql://…` sends (station/pg_incidents.cpp), 500 runs
#    with pgbench, p50 and p99 latency from its per-transaction log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
import_rows="${2:-100000}"
query_rows="${3:-1000000}"
corpus="${4:-synthetic}"
stored_rows="${5:-0}"
seawatch="$build/src/app/seawatch"
[ -x "$seawatch" ] || { echo "no $seawatch: build the seawatch target first" >&2; exit 1; }

dir="$(mktemp -d "${TMPDIR:-/tmp}/seawatch_pg.XXXXXX")"
work="$(mktemp -d "${TMPDIR:-/tmp}/seawatch_station_bench.XXXXXX")"
trap '"$root/scripts/pg_cluster.sh" stop "$dir"; rm -rf "$work"' EXIT
eval "$("$root/scripts/pg_cluster.sh" start "$dir" --owner-pid $$ --fsync)"
export PGHOST PGPORT PGUSER
psql -qX -d postgres -c "CREATE DATABASE bench" >/dev/null
uri="postgresql:///bench?host=$PGHOST&port=$PGPORT&user=postgres"
"$seawatch" station init "$uri" >/dev/null

echo "load average: $(cat /proc/loadavg)"

# 1. Import: an ASAM CSV in the NGA export layout (DMS positions on two lines).
if [ "$corpus" = real ]; then
  sample="${SEAWATCH_SHARED_TESTDATA:-$root/../shared/testdata}/incidents/asam_export_sample.csv"
  [ -f "$sample" ] || { echo "no $sample" >&2; exit 1; }
  python3 - "$sample" "$work/asam.csv" "$import_rows" <<'EOF'
import csv, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, newline="", encoding="utf-8", errors="surrogateescape") as f:
    rows = list(csv.reader(f))
with open(dst, "w", newline="", encoding="utf-8", errors="surrogateescape") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(rows[0])
    for i in range(n):
        r = rows[1 + i % (len(rows) - 1)]
        w.writerow([f"{r[0]}-{i // (len(rows) - 1)}"] + r[1:])
EOF
else
python3 - "$import_rows" >"$work/asam.csv" <<'EOF'
import random, sys
n = int(sys.argv[1]); rnd = random.Random(2024)
kinds = ["PIRATES", "Shots fired at vessel", "Suspicious approach", "ROBBERS", "Hijacking"]
print("reference,date,position,navArea,subreg,hostility,victim,description,\r")
for i in range(n):
    lat = rnd.uniform(-15, 28); lon = rnd.uniform(32, 78)
    def dms(v, pos, neg):
        h = pos if v >= 0 else neg; v = abs(v); d = int(v); m = (v - d) * 60
        return "%d\u00b0%02d'%02d\"\"%s" % (d, int(m), int((m % 1) * 60), h)
    date = "%04d-%02d-%02d" % (rnd.randint(2005, 2024), rnd.randint(1, 12), rnd.randint(1, 28))
    print('%d-%d,%s,"%s\n%s",IX,62,%s,Bulk carrier,"Skiff approached the vessel, ladder seen",\r'
          % (2005 + i // 100000, i, date, dms(lat, "N", "S"), dms(lon, "E", "W"), rnd.choice(kinds)))
EOF
fi
if [ "$stored_rows" -gt 0 ]; then
  psql -qX -d bench -v ON_ERROR_STOP=1 >/dev/null <<EOF
INSERT INTO incidents (geom, source, source_ref, occurred_at, lat, lon, position_precision,
  category, category_code, vessel_status, narrative)
SELECT ST_SetSRID(ST_MakePoint(lon, lat), 4326), 'manual', 'syn-' || i,
  timestamptz '2005-01-01' + (random() * 20 * 365) * interval '1 day', lat, lon, 'exact',
  'c' || code, code, 'unknown', 'synthetic'
FROM (SELECT i, 32 + random() * 46 AS lon, -15 + random() * 43 AS lat,
        (random() * 11)::int AS code FROM generate_series(1, $stored_rows) i) s;
VACUUM ANALYZE incidents;
CHECKPOINT;
EOF
  echo "station holds $stored_rows incidents before the import; load average: $(cat /proc/loadavg)"
fi
start=$(date +%s.%N)
/usr/bin/time -f "%U %S %M" -o "$work/time.txt" \
  "$seawatch" incidents import "$work/asam.csv" --db "$uri" 2>/dev/null | head -n 1
end=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print('import (%s): %d rows in %.2f s = %.0f rows/s' % (sys.argv[4], n, s, n/s))" "$start" "$end" "$import_rows" "$corpus"
read -r user sys rss <"$work/time.txt"
echo "import client: CPU $user user + $sys sys, peak RSS $((rss / 1024)) MiB"

# 2. Query: QUERY_ROWS incidents spread like the synthetic set of the GeoPackage benchmark.
psql -qX -d bench -v ON_ERROR_STOP=1 >/dev/null <<EOF
TRUNCATE incidents;
INSERT INTO incidents (geom, source, source_ref, occurred_at, lat, lon, position_precision,
  category, category_code, vessel_status, narrative)
SELECT ST_SetSRID(ST_MakePoint(lon, lat), 4326), 'manual', 'syn-' || i,
  timestamptz '2005-01-01' + (random() * 20 * 365) * interval '1 day', lat, lon, 'exact',
  'c' || code, code, 'unknown', 'synthetic'
FROM (SELECT i, 32 + random() * 46 AS lon, -15 + random() * 43 AS lat,
        (random() * 11)::int AS code FROM generate_series(1, $query_rows) i) s;
VACUUM ANALYZE incidents;
EOF
cat >"$work/query.sql" <<'EOF'
SELECT fid, source, source_ref, (extract(epoch FROM occurred_at) * 1000)::bigint, date_only, lat, lon, position_precision, category_code, coalesce(vessel_name, ''), coalesce(vessel_type, ''), coalesce(flag, ''), vessel_status, coalesce(aggressor, ''), coalesce(narrative, ''), coalesce(navarea, ''), coalesce(subregion, ''), coalesce(source_note, ''), (extract(epoch FROM imported_at) * 1000)::bigint FROM incidents WHERE true AND geom && ST_MakeEnvelope(42, 10, 54, 16, 4326) AND lon >= 42 AND lon <= 54 AND lat >= 10 AND lat <= 16 AND occurred_at >= to_timestamp(1230768000000 / 1000.0) AND occurred_at < to_timestamp(1262304000000 / 1000.0) AND category_code = ANY('{3}'::smallint[]) ORDER BY occurred_at, fid;
EOF
rows=$(psql -qAtX -d bench -f "$work/query.sql" | wc -l)
# The plan the server picks, with its timing, so a slow figure comes with its reason.
{ echo "EXPLAIN (ANALYZE, BUFFERS)"; cat "$work/query.sql"; } | psql -qAtX -d bench | sed 's/^/  plan: /'

(cd "$work" && pgbench -n -M prepared -f query.sql -t 500 -l bench >/dev/null 2>&1)
python3 - "$work" "$rows" "$query_rows" <<'EOF'
import glob, sys
lat = sorted(int(line.split()[2]) for f in glob.glob(sys.argv[1] + "/pgbench_log.*") for line in open(f))
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] / 1000.0
print("query (bbox 42,10,54,16 + 2009 + hijacked, %s of %s rows): p50 %.2f ms, p99 %.2f ms over %d runs"
      % (sys.argv[2], sys.argv[3], p(0.5), p(0.99), len(lat)))
EOF
echo "load average: $(cat /proc/loadavg)"
