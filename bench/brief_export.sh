#!/usr/bin/env bash
# Wall time of the headless exports of the bundled exercise: the whole briefing deck and one
# 1920x1080 frame. Usage: bench/brief_export.sh [build-dir] [runs]
set -euo pipefail
BUILD="${1:-build}"
RUNS="${2:-3}"
SEAWATCH="$BUILD/src/app/seawatch"
SCENARIO="$(dirname "$0")/../data/scenarios/gulf_of_aden_2009.json"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for i in $(seq "$RUNS"); do
  s=$(date +%s%N)
  env -u DISPLAY "$SEAWATCH" brief "$SCENARIO" -o "$out/deck" 2>/dev/null
  m=$(date +%s%N)
  env -u DISPLAY "$SEAWATCH" render "$SCENARIO" --at 2009-11-15T12:50:00Z --size 1920x1080 -o "$out/at.png"
  e=$(date +%s%N)
  printf 'run %d: brief (10 steps, 1920x1080) %d ms; render --at 1920x1080 %d ms\n' "$i" \
    $(((m - s) / 1000000)) $(((e - m) / 1000000))
done
