#!/usr/bin/env bash
# Long libFuzzer runs toward issue 15's 10 M executions per parser, one target at a time and
# niced to 19 so that builds and tests on the same machine keep the CPU. Needs the clang
# build of `scripts/test --fuzz N` (build-fuzz/, or SEAWATCH_FUZZ_BUILD_DIR) and its corpus.
#   scripts/fuzz_long.sh [-n RUNS] [-t MAX_SECONDS] TARGET...
# TARGET is a name from scripts/lib/fuzz.sh with or without seawatch_/_fuzz (asam_csv, zones).
# Each run logs to fuzzlogs/TARGET-YYYYmmddTHHMMZ.log (SEAWATCH_FUZZ_LOG_DIR) and ends with a
# row for the table in docs/RELIABILITY.md (executions, wall and CPU seconds, exec/s, crashes,
# load, UTC start, command). A run stopped by its time limit is recorded as such; start the
# same target again to go on (the corpus is kept, the counts are not added up for you).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/fuzz.sh"

runs=10000000
max_seconds=36000
while getopts "n:t:" opt; do
  case "$opt" in
    n) runs="$OPTARG" ;;
    t) max_seconds="$OPTARG" ;;
    *) die "usage: $0 [-n RUNS] [-t MAX_SECONDS] TARGET..." ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || die "usage: $0 [-n RUNS] [-t MAX_SECONDS] TARGET..."

build_dir="${SEAWATCH_FUZZ_BUILD_DIR:-$SEAWATCH_ROOT/build-fuzz}"
log_dir="${SEAWATCH_FUZZ_LOG_DIR:-$SEAWATCH_ROOT/fuzzlogs}"
mkdir -p "$log_dir"
export SEAWATCH_HOME="$SEAWATCH_ROOT"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

status=0
for name in "$@"; do
  target="seawatch_${name#seawatch_}"
  target="${target%_fuzz}_fuzz"
  binary="$build_dir/fuzz/$target"
  [ -x "$binary" ] || die "$binary not built: run scripts/test --fuzz 1 first"
  corpus="$build_dir/corpus/$target" seeds="$build_dir/seeds/$target"
  artifacts="$build_dir/artifacts/$target/"
  mkdir -p "$corpus" "$artifacts"
  fuzz_prepare_seeds "$target" "$seeds"
  started="$(date -u +%Y-%m-%dT%H:%MZ)"
  log="$log_dir/$target-$(date -u +%Y%m%dT%H%MZ).log"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  cmd=(nice -n 19 "$binary" -runs="$runs" -max_total_time="$max_seconds" -timeout=10
    -rss_limit_mb=2048 -max_len="$(fuzz_max_len "$target")" -print_final_stats=1
    -artifact_prefix="$artifacts" "$corpus" "$seeds")
  log "$target: ${cmd[*]} (log $log)"
  rc=0
  /usr/bin/time -f 'TIME wall=%e user=%U sys=%S' "${cmd[@]}" >"$log" 2>&1 || rc=$?
  executed="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  times="$(grep '^TIME' "$log" | tail -1)"
  wall="$(sed 's/.*wall=\([0-9.]*\).*/\1/' <<<"$times")"
  cpu="$(awk -v t="$times" 'BEGIN { split(t, a, /[= ]/); print a[5] + a[7] }')"
  crashes=0
  if [ "$rc" -eq 72 ] && grep -q 'libFuzzer: run interrupted' "$log"; then
    crashes="0 (stopped by hand)"  # SIGINT: libFuzzer prints its stats and exits 72
  elif [ "$rc" -ne 0 ]; then
    crashes="1 (exit $rc, see $log and $artifacts)"
    status=1
  fi
  rate="$(awk -v n="${executed:-0}" -v c="$cpu" -v w="$wall" \
    'BEGIN { printf "%.0f/CPU s, %.0f/wall s", (c > 0 ? n / c : 0), (w > 0 ? n / w : 0) }')"
  cmd_text="${cmd[*]}"
  printf '| `%s` | %s | %s s | %s s | %s | %s | %s | %s | `%s` |\n' "$target" "${executed:-?}" \
    "$wall" "$cpu" "$rate" "$crashes" "$load" "$started" "${cmd_text//"$SEAWATCH_ROOT/"/}" |
    tee -a "$log_dir/rows.md"
done
exit "$status"
