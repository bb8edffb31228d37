#!/bin/sh
# Makes the small pictures in docs/screenshots/ from the current build, so they stay true
# to what the console and the briefing deck draw:
#   console_first_start.png   the console's first start on the bundled exercise (1920x1080)
#   console_approach.png      the 12:50 approach (briefing step 7), panels open as a user has them
#   console_first_start_1366.png  the same first start on a 1366x768 screen
#   console_layers.png        the 12:50 approach with the Layers panel open
#   deck_step_01.png, deck_step_07.png   two slides of `seawatch brief`
# Needs xvfb-run (the console) and gdal_translate (to shrink the pictures).
# Usage: scripts/screenshots.sh [build/src/app/seawatch]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seawatch=${1:-$root/build/src/app/seawatch}
scenario=$root/data/scenarios/gulf_of_aden_2009.json
out=$root/docs/screenshots
for tool in xvfb-run gdal_translate; do
    command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is not installed" >&2; exit 1; }
done
[ -x "$seawatch" ] || { echo "screenshots.sh: no $seawatch (build first)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# A first start: no saved window, panels or workspace.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export SEAWATCH_HOME="$root"

console() {  # console SCREEN OUTPUT [options...]; $settings, when set, is a saved console.json
    screen=$1 png=$2
    shift 2
    rm -rf "$XDG_CONFIG_HOME"
    if [ -n "${settings:-}" ]; then
        mkdir -p "$XDG_CONFIG_HOME/seawatch"
        printf '%s\n' "$settings" >"$XDG_CONFIG_HOME/seawatch/console.json"
    fi
    xvfb-run -a -s "-screen 0 ${screen}x24" "$seawatch" --scenario "$scenario" \
        --exit-after-frames 150 --screenshot "$png" "$@" >"$work/console.log" 2>&1 ||
        { cat "$work/console.log" >&2; exit 1; }
}

shrink() {  # shrink INPUT OUTPUT WIDTH
    gdal_translate -q -of PNG -r average -outsize "$3" 0 "$1" "$2"
    rm -f "$2.aux.xml"
}

# Two thirds of 1920 keeps the map labels and panel text readable in a README; the 1366
# screen is kept at its own size.
console 1920x1080 "$work/first.png"
shrink "$work/first.png" "$out/console_first_start.png" 1280
console 1366x768 "$work/first1366.png"
shrink "$work/first1366.png" "$out/console_first_start_1366.png" 1366
console 1920x1080 "$work/approach.png" --step 7
shrink "$work/approach.png" "$out/console_approach.png" 1280
settings='{"width": 1920, "height": 1080, "x": 0, "y": 0,
  "panels": {"layers": true, "legend": true, "log": false, "frame_time": false}}'
console 1920x1080 "$work/layers.png" --step 7
settings=
shrink "$work/layers.png" "$out/console_layers.png" 1280

"$seawatch" brief "$scenario" -o "$work/deck" >"$work/brief.log" 2>&1 ||
    { cat "$work/brief.log" >&2; exit 1; }
shrink "$work/deck/step_01.png" "$out/deck_step_01.png" 1280
shrink "$work/deck/step_07.png" "$out/deck_step_07.png" 1280
ls -l "$out"
