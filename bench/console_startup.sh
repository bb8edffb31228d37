#!/usr/bin/env bash
# Start-up to first frame of the console with the bundled data, under Xvfb + llvmpipe.
# Usage: bench/console_startup.sh [build-dir] [runs]
set -euo pipefail
BUILD="${1:-build}"
RUNS="${2:-5}"
SEAWATCH="$BUILD/src/app/seawatch"
[ -x "$SEAWATCH" ] || { echo "build first: $SEAWATCH missing" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "Xvfb is not installed" >&2; exit 1; }
number=$((RANDOM % 400 + 100))
display=":$number"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X$number" ] && break; sleep 0.1; done
home="$(mktemp -d)"
for i in $(seq "$RUNS"); do
  start=$(date +%s%N)
  HOME="$home" DISPLAY="$display" "$SEAWATCH" --exit-after-frames 1 "${@:3}" 2>"$home/log" || true
  end=$(date +%s%N)
  first=$(grep -o 'first frame after [0-9]* ms of loading and [0-9.]* ms drawing' "$home/log" || true)
  printf 'run %d: process %d ms (%s)\n' "$i" $(((end - start) / 1000000)) "$first"
done
rm -rf "$home"
