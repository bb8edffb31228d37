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
sample="$root/../shared/testdata/incidents/asam_export_sample.csv"
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
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
secs=$(python3 -c "
t='$elapsed'.split(':'); s=0.0
for p in t: s=s*60+float(p)
print(s)")
python3 -c "print(f'rows/s: {$rows/$secs:,.0f}  wall: {$secs:.2f} s  peak RSS: {$rss/1024:.1f} MiB')"
echo "load average after: $(cat /proc/loadavg)"
