#!/usr/bin/env bash
# Executions per CPU second of one fuzz target binary on a fixed corpus, to compare builds
# (docs/RELIABILITY.md, "Reading from memory"):
#   scripts/fuzz_compare.sh BIN_DIR LABEL TARGET RUNS [CORPUS_ROOT]
# e.g. scripts/fuzz_compare.sh build-fuzz/fuzz after zones 5000 fuzzlogs/corpus-before
# Runs BIN_DIR/seawatch_TARGET_fuzz with -seed=1 -runs=RUNS on an empty scratch corpus plus
# CORPUS_ROOT/seawatch_TARGET_fuzz (read, not written), and prints runs, wall and CPU time
# (user + sys), exec/s and the load average. Logs go to fuzzlogs/compare-LABEL-TARGET.log.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
[ $# -ge 4 ] || die "usage: $0 BIN_DIR LABEL TARGET RUNS [CORPUS_ROOT]"
bin="$1" label="$2" t="$3" runs="$4" corpus_root="${5:-$SEAWATCH_ROOT/fuzzlogs/corpus-before}"
export SEAWATCH_HOME="$SEAWATCH_ROOT"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
mkdir -p "$SEAWATCH_ROOT/fuzzlogs"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
log="$SEAWATCH_ROOT/fuzzlogs/compare-$label-$t.log"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
rc=0
/usr/bin/time -f 'TIME wall=%e user=%U sys=%S' nice -n 5 "$bin/seawatch_${t}_fuzz" -seed=1 \
  -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  "$scratch" "$corpus_root/seawatch_${t}_fuzz" >"$log" 2>&1 || rc=$?
n="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
awk -v t="$(grep '^TIME' "$log")" -v n="${n:-0}" -v name="$t" -v label="$label" -v rc="$rc" \
  -v load="$load" -v now="$(date -u +%H:%M)" 'BEGIN {
    split(t, a, /[= ]/); cpu = a[5] + a[7]
    printf "%-18s %-7s rc=%s runs=%s wall=%ss cpu=%.1fs exec/cpu-s=%.0f exec/wall-s=%.0f load=%s %s UTC\n",
      name, label, rc, n, a[3], cpu, (cpu > 0 ? n / cpu : 0), (a[3] > 0 ? n / a[3] : 0), load, now }'
exit "$rc"
