#!/usr/bin/env bash
# `seawatch ais decode --json` against `gpsdecode -j` end to end on real logs, side by side:
# the DMA and AMSA files of ../shared/testdata repeated to ~1.8 M lines, runs in the order
# A, B, A, B (so a change in machine load hits both), each pinned to one core. Reports wall
# and CPU (user+sys) seconds per run, the CPU-time ratio, and the load average before and
# after. Usage: bench/ais_vs_gpsdecode.sh [BUILD_DIR] [LINES]   (defaults: build, 1800000)
# SEAWATCH_BASELINE=PATH adds another seawatch binary (main's, say) to the same rotation
# (A, B, C, A, B, C) and checks that its output is byte-identical to A's.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
TARGET_LINES="${2:-1800000}"
SHARED="${SEAWATCH_SHARED_TESTDATA:-$ROOT/../shared/testdata}/ais/tracks"
SEAWATCH="$BUILD/src/app/seawatch"
[ -x "$SEAWATCH" ] || { echo "missing $SEAWATCH: build the seawatch target" >&2; exit 1; }
command -v gpsdecode > /dev/null || { echo "gpsdecode not installed (gpsd-clients)" >&2; exit 1; }
for f in dma_stream_example.txt amsa_exact-earth-augmented-3.txt; do
  [ -f "$SHARED/$f" ] || { echo "missing $SHARED/$f" >&2; exit 1; }
done
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ONE="$WORK/one.nmea"
cat "$SHARED/dma_stream_example.txt" "$SHARED/amsa_exact-earth-augmented-3.txt" > "$ONE"
[ -z "$(tail -c1 "$ONE")" ] || echo >> "$ONE"
CORPUS="$WORK/corpus.nmea"
: > "$CORPUS"
while [ "$(wc -l < "$CORPUS")" -lt "$TARGET_LINES" ]; do cat "$ONE" >> "$CORPUS"; done
LINES=$(wc -l < "$CORPUS")
echo "corpus: $LINES lines ($(du -h "$CORPUS" | cut -f1)) of the DMA and AMSA logs"
echo "load average before: $(cat /proc/loadavg)"
cat "$CORPUS" > /dev/null  # page cache

declare -A CPU
run() {  # label, command...
  local label="$1"; shift
  local t="$WORK/time.txt"
  /usr/bin/time -f "%e %U %S" -o "$t" taskset -c 0 "$@"
  read -r wall user sys < "$t"
  local cpu; cpu=$(echo "$user + $sys" | bc)
  CPU[$label]="${CPU[$label]:-} $cpu"
  printf '%-28s wall %6.2f s  cpu %6.2f s  %6.2f M lines/s (cpu)\n' "$label" "$wall" "$cpu" \
    "$(echo "$LINES / $cpu / 1000000" | bc -l)"
}
A="seawatch ais decode --json"
B="gpsdecode -j"
C="baseline ais decode --json"
BASELINE="${SEAWATCH_BASELINE:-}"
for round in 1 2; do
  run "$A" sh -c "'$SEAWATCH' ais decode --json -q - < '$CORPUS' > '$WORK/a.json'"
  run "$B" sh -c "gpsdecode -j < '$CORPUS' > '$WORK/b.json' 2>/dev/null"
  if [ -n "$BASELINE" ]; then
    run "$C" sh -c "'$BASELINE' ais decode --json -q - < '$CORPUS' > '$WORK/c.json'"
  fi
done
echo "load average after: $(cat /proc/loadavg)"
best() { tr ' ' '\n' | grep . | sort -n | head -1; }
a=$(echo "${CPU[$A]}" | best); b=$(echo "${CPU[$B]}" | best)
printf 'best CPU: %s %.2f s, %s %.2f s: %.1fx\n' "$A" "$a" "$B" "$b" "$(echo "$b / $a" | bc -l)"
if [ -n "$BASELINE" ]; then
  c=$(echo "${CPU[$C]}" | best)
  printf 'baseline %s: best CPU %.2f s (%.1fx gpsdecode); this build %.2fx faster\n' "$BASELINE" \
    "$c" "$(echo "$b / $c" | bc -l)" "$(echo "$c / $a" | bc -l)"
  if cmp -s "$WORK/a.json" "$WORK/c.json"; then
    echo "baseline output: byte-identical"
  else
    echo "baseline output: DIFFERS"
  fi
fi
# Same messages (type 27 differs by design: current gpsd's format, docs/AIS.md).
if cmp -s <(tr -d '\r' < "$WORK/b.json" | grep -v '"type":27,') <(grep -v '"type":27,' "$WORK/a.json"); then
  echo "outputs: identical apart from type 27 ($(wc -l < "$WORK/a.json") JSON lines)"
else
  echo "outputs: DIFFER"
fi
