# scripts/test --fuzz SECONDS: build the libFuzzer targets with clang in build-fuzz/ and run
# each for SECONDS on a corpus seeded from data/, fuzz/seeds/ and the shared test data. A crash, timeout
# or broken invariant fails the run; the figures go to build-fuzz/fuzz-report.txt.
# shellcheck shell=bash

# Target, then the seed files or folders (missing ones are skipped, with a warning: without
# its seeds a target may never get past a header). Seeds over -max_len are cut to it by
# libFuzzer, so each target needs some that fit (fuzz/seeds/: an IMB CSV, a whole scenario).
fuzz_seed_sources() {
  # A worktree outside the main checkout has no ../shared: SEAWATCH_SHARED_TESTDATA says where.
  local shared="${SEAWATCH_SHARED_TESTDATA:-$SEAWATCH_ROOT/../shared/testdata}"
  case "$1" in
    seawatch_ais_fuzz) echo "$shared/ais" ;;
    seawatch_asam_csv_fuzz) echo "$shared/incidents/asam_export_sample.csv" ;;
    seawatch_asam_json_fuzz) echo "$shared/incidents/nga_msi_api_asams_sample.json $shared/incidents/nga_msi_api_asamMockData.json" ;;
    seawatch_imb_csv_fuzz) echo "$SEAWATCH_ROOT/fuzz/seeds/imb" ;;
    seawatch_incident_geojson_fuzz) echo "$SEAWATCH_ROOT/data/incidents" ;;
    seawatch_scenario_fuzz) echo "$SEAWATCH_ROOT/fuzz/seeds/scenario $SEAWATCH_ROOT/data/scenarios" ;;
    seawatch_zones_fuzz) echo "$SEAWATCH_ROOT/data/zones/irtc.geojson $SEAWATCH_ROOT/data/zones/patrol_sectors.geojson $SEAWATCH_ROOT/data/zones/hra.geojson" ;;
    seawatch_schedule_fuzz) echo "$SEAWATCH_ROOT/data/zones/schedule_gulf_of_aden_2009.json" ;;
  esac
}

# Inputs are kept short so each run is cheap: a few NMEA sentences (a 5-part message fits), or
# a CSV header with a handful of rows. Longer inputs mostly repeat what short ones cover.
fuzz_max_len() {
  if [ -n "${SEAWATCH_FUZZ_MAX_LEN:-}" ]; then echo "$SEAWATCH_FUZZ_MAX_LEN"; return; fi
  case "$1" in
    seawatch_ais_fuzz) echo 1024 ;;
    *) echo 4096 ;;
  esac
}

FUZZ_TARGETS=(seawatch_ais_fuzz seawatch_asam_csv_fuzz seawatch_asam_json_fuzz
  seawatch_imb_csv_fuzz seawatch_incident_geojson_fuzz seawatch_scenario_fuzz
  seawatch_zones_fuzz seawatch_schedule_fuzz)

# Seeds larger than libFuzzer's input limit are cut into pieces of whole lines.
fuzz_prepare_seeds() {
  local target="$1" dir="$2" src
  rm -rf "$dir" && mkdir -p "$dir"
  for src in $(fuzz_seed_sources "$target"); do
    [ -e "$src" ] || { log "warning: $1: no seeds at $src"; continue; }
    find "$src" -type f -size -4M | while read -r f; do
      if [ "$(stat -c %s "$f")" -le 65536 ]; then
        cp "$f" "$dir/$(basename "$f")"
      elif [[ "$f" == *.csv ]]; then
        head -n 150 "$f" >"$dir/$(basename "$f")"  # a CSV piece needs its header
      else
        split -l 200 -a 4 "$f" "$dir/$(basename "$f")."
      fi
    done
  done
}

run_fuzz() {
  local seconds="$1"
  [[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || die "--fuzz takes a number of seconds"
  command -v clang++ >/dev/null 2>&1 || SEAWATCH_PACKAGES+=(clang)
  ensure_packages
  local build_dir="${SEAWATCH_FUZZ_BUILD_DIR:-$SEAWATCH_ROOT/build-fuzz}"
  local generator=()
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  cmake -S "$SEAWATCH_ROOT" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DSEAWATCH_BUILD_FUZZ=ON \
    -DSEAWATCH_BUILD_TESTS=OFF -DSEAWATCH_BUILD_BENCH=OFF >/dev/null || die "cmake configure failed"
  # SEAWATCH_FUZZ_BUDGET_S (set by .ci/run): the seconds this pass may take in all. The build
  # gets what the runs leave; a build that cannot finish in it skips the pass with a message
  # instead of running CI over its time. A build that fails is a failure.
  local jobs build_limit=()
  jobs="$(nproc 2>/dev/null || echo 2)"
  if [ -n "${SEAWATCH_FUZZ_BUDGET_S:-}" ]; then
    local runs_s=$((${#FUZZ_TARGETS[@]} * (seconds + 15)))
    local build_s=$((SEAWATCH_FUZZ_BUDGET_S - runs_s))
    if [ "$build_s" -lt 60 ]; then
      log "fuzz pass skipped: ${SEAWATCH_FUZZ_BUDGET_S} s left, the runs alone need ${runs_s} s"
      return 0
    fi
    build_limit=(timeout "$build_s")
  fi
  local built=0
  "${build_limit[@]}" cmake --build "$build_dir" --target seawatch_fuzz --parallel "$jobs" ||
    built=$?
  if [ "$built" -eq 124 ]; then
    log "fuzz pass skipped: the clang build did not finish in the ${build_s} s left to it"
    return 0
  fi
  [ "$built" -eq 0 ] || die "fuzz build failed"
  export SEAWATCH_HOME="$SEAWATCH_ROOT"
  export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
  local report="$build_dir/fuzz-report.txt" failed=0 target
  printf '%-32s %14s %10s %8s\n' target executions exec/s result >"$report"
  for target in "${FUZZ_TARGETS[@]}"; do
    local corpus="$build_dir/corpus/$target" seeds="$build_dir/seeds/$target"
    local artifacts="$build_dir/artifacts/$target/" log="$build_dir/logs/$target.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    fuzz_prepare_seeds "$target" "$seeds"
    log "fuzzing $target for ${seconds}s"
    local status=ok
    # -rss_limit_mb: a parser that tries to hold gigabytes is a failure too.
    "$build_dir/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len="$(fuzz_max_len "$target")" -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "$seeds" \
      >"$log" 2>&1 || { status=FAILED; failed=1; }
    local runs rate
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
    printf '%-32s %14s %10s %8s\n' "$target" "${runs:-?}" "${rate:-?}" "$status" >>"$report"
    [ "$status" = ok ] || log "$target failed: see $log and $artifacts"
  done
  cat "$report" >&2
  [ "$failed" -eq 0 ] || die "a fuzz target found a crash or broken invariant"
}
