#!/usr/bin/env bash
# Checks scripts/lib/lsan_retry.sh on a ctest log made here: only a test that passed and then lost
# LeakSanitizer's tracer is taken for a runtime fault; a leak report or a failed assertion is not.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
log() { printf '%s\n' "$*" >&2; }
source "$root/scripts/lib/lsan_retry.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Testing/Temporary"

section() {  # NAME RESULT BODY-LINES...
  local name="$1" result="$2"
  shift 2
  printf '7/9 Testing: %s\n7/9 Test: %s\nOutput:\n----------\n' "$name" "$name"
  printf '%s\n' "$@"
  printf '<end of output>\n----------\nTest %s.\n----------\n\n' "$result"
}
{
  section Passing.Test Passed "[  PASSED  ] 1 test."
  section Tracer.AfterPassing Failed "[  PASSED  ] 1 test." "Tracer caught signal 11: addr=0xfd0 pc=0x7f9312ee80f0 sp=0x7f92fabfdd10" \
    "==12696==LeakSanitizer has encountered a fatal error."
  section Real.Leak Failed "[  PASSED  ] 1 test." "==1==ERROR: LeakSanitizer: detected memory leaks" \
    "SUMMARY: AddressSanitizer: 40 byte(s) leaked in 1 allocation(s)."
  section Failed.Assertion Failed "[  FAILED  ] Failed.Assertion" "Tracer caught signal 11: addr=0x0 pc=0x1 sp=0x2" \
    "==3==LeakSanitizer has encountered a fatal error."
} > "$work/Testing/Temporary/LastTest.log"

got="$(classify_failed_tests "$work")"
want="$(printf 'tracer Tracer.AfterPassing\nother Real.Leak\nother Failed.Assertion')"
if [ "$got" != "$want" ]; then
  printf 'classify_failed_tests gave:\n%s\nwanted:\n%s\n' "$got" "$want" >&2
  exit 1
fi
# With a real failure among them nothing is run again and the run fails.
if rerun_lsan_tracer_crashes "$work" 2>/dev/null; then
  echo "rerun_lsan_tracer_crashes accepted a run with a real leak and a failed assertion" >&2
  exit 1
fi
# When the tracer crash is the only failure, that test alone runs again, and its pass counts.
{
  section Passing.Test Passed "[  PASSED  ] 1 test."
  section Tracer.AfterPassing Failed "[  PASSED  ] 1 test." "Tracer caught signal 11: addr=0xfd0 pc=0x1 sp=0x2" \
    "==12696==LeakSanitizer has encountered a fatal error."
} > "$work/Testing/Temporary/LastTest.log"
printf 'add_test([=[Tracer.AfterPassing]=] "%s" "%s/ran")\nadd_test([=[Passing.Test]=] "false")\n' \
  "$(command -v touch)" "$work" > "$work/CTestTestfile.cmake"
if ! rerun_lsan_tracer_crashes "$work" || [ ! -e "$work/ran" ]; then
  echo "rerun_lsan_tracer_crashes did not run the test whose tracer crashed again" >&2
  exit 1
fi
echo "lsan_retry: classification and rerun as expected"
