#!/usr/bin/env bash
# End-to-end AIS throughput on one core: `seawatch ais decode --json` vs `gpsdecode -j` on
# the same file of >= 1 M real-looking sentences, then `seawatch ais import` into SQLite.
# Usage: scripts/bench_ais.sh [BUILD_DIR] [MESSAGES]   (defaults: build, 1000000)
# The corpus comes from the encoder (bench/ais_decode_bench.cpp --write-corpus): a Gulf of
# Aden traffic mix of class A/B positions and static data (type 5 in two parts, 24 A+B),
# each sentence with a tag-block time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
MESSAGES="${2:-1000000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

SEAWATCH="$BUILD/src/app/seawatch"
BENCH="$BUILD/bench/seawatch_ais_decode_bench"
for exe in "$SEAWATCH" "$BENCH"; do
  [ -x "$exe" ] || { echo "missing $exe: build the seawatch and seawatch_ais_decode_bench targets" >&2; exit 1; }
done

CORPUS="$WORK/corpus.nmea"
"$BENCH" --write-corpus "$CORPUS" "$MESSAGES"
LINES=$(wc -l < "$CORPUS")
echo "corpus: $LINES sentences, $(du -h "$CORPUS" | cut -f1)"

# Run a command pinned to one core; print wall and user+sys seconds.
timed() {
  local label="$1"; shift
  local t="$WORK/time.txt"
  /usr/bin/time -f "%e %U %S" -o "$t" taskset -c 0 "$@"
  read -r wall user sys < "$t"
  printf '%-34s wall %6.2f s   cpu %6.2f s   %10.0f sentences/s (wall)\n' "$label" "$wall" \
    "$(echo "$user + $sys" | bc)" "$(echo "$LINES / $wall" | bc -l)"
}

cat "$CORPUS" > /dev/null  # warm the page cache
timed "seawatch ais decode --json" sh -c "'$SEAWATCH' ais decode --json -q - < '$CORPUS' > '$WORK/seawatch.json'"
if command -v gpsdecode > /dev/null; then
  timed "gpsdecode -j" sh -c "gpsdecode -j < '$CORPUS' > '$WORK/gpsd.json'"
  if cmp -s <(tr -d '\r' < "$WORK/gpsd.json") "$WORK/seawatch.json"; then
    echo "outputs: identical ($(wc -l < "$WORK/seawatch.json") JSON lines)"
  else
    echo "outputs: DIFFER"
  fi
else
  echo "gpsdecode not installed (Debian package gpsd-clients): no comparison"
fi
timed "seawatch ais import (new workspace)" "$SEAWATCH" ais import "$CORPUS" --db "$WORK/ws.sqlite"
echo "positions stored: $(sqlite3 "$WORK/ws.sqlite" 'SELECT COUNT(*) FROM ais_positions' 2>/dev/null || echo '?')"
timed "seawatch ais import (again: no-op)" "$SEAWATCH" ais import "$CORPUS" --db "$WORK/ws.sqlite"
