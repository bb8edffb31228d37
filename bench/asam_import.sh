#!/usr/bin/env bash
# ASAM CSV import throughput and peak memory: the real NGA export sample
# (../shared/testdata/incidents/asam_export_sample.csv, 400 rows) repeated COPIES times with
# the references made unique, so every row is a real insert, then imported into a fresh
# workspace under /usr/bin/time -v.
#   bench/asam_import.sh [COPIES (default 250 = 100,000 rows)] [BUILD_DIR (default build)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
copies="${1:-250}"
build="${2:-$root/build}"
# A worktree elsewhere points SEAWATCH_SHARED_TESTDATA at the shared folder.
sample="${SEAWATCH_SHARED_TESTDATA:-$root/../shared/testdata}/incidents/asam_export_sample.csv"
[ -f "$sample" ] || { echo "no $sample" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$sample" "$work/asam.csv" "$copies" <<'PY'
import csv, sys
src, dst, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, newline="", encoding="utf-8", errors="surrogateescape") as f:
    rows = list(csv.reader(f))
with open(dst, "w", newline="", encoding="utf-8", errors="surrogateescape") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(rows[0])
    for k in range(copies):
        for r in rows[1:]:
            w.writerow([f"{r[0]}-{k}"] + r[1:])
PY
rows=$(( $(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline='', errors='surrogateescape'))))" "$work/asam.csv") - 1 ))
size=$(stat -c %s "$work/asam.csv")
echo "corpus: $rows rows, $size bytes; load average before: $(cat /proc/loadavg)"
/usr/bin/time -v "$build/src/app/seawatch" incidents import "$work/asam.csv" --db "$work/ws.gpkg" \
  >"$work/out.txt" 2>"$work/time.txt"
cat "$work/out.txt"
elapsed=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
user=$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")
sys=$(sed -n 's/.*System time (seconds): //p' "$work/time.txt")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
# The machine is shared: rows per CPU second (user + system) is the comparable figure.
python3 - "$rows" "$elapsed" "$user" "$sys" "$rss" "$size" <<'PY'
import sys
rows, elapsed, user, system, rss, size = sys.argv[1:]
wall = 0.0
for part in elapsed.split(":"):
    wall = wall * 60 + float(part)
cpu = float(user) + float(system)
rows = int(rows)
print(f"rows/s (wall): {rows / wall:,.0f}  wall: {wall:.2f} s")
print(f"rows/s (CPU):  {rows / cpu:,.0f}  CPU: {cpu:.2f} s (user {user}, sys {system})")
print(f"peak RSS: {int(rss) / 1024:.1f} MiB for a {int(size) / 1048576:.1f} MiB file")
PY
echo "load average after: $(cat /proc/loadavg)"
