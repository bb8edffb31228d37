#!/bin/sh
# Regenerates tests/ais/data/gpsd-3.22/*.jsonl: what `gpsdecode -j` (gpsd 3.22, Debian 12's
# gpsd-clients) prints for the AIS vectors in ../shared/testdata. The conformance test compares
# `ais decode --json` with these files, so it needs neither gpsd nor a network at test time.
# Where current gpsd differs from 3.22 (type 27), the test maps one to the other; see
# docs/AIS.md.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
shared="${SEAWATCH_SHARED_TESTDATA:-$root/../shared/testdata}/ais"
out="$root/tests/ais/data/gpsd-3.22"
command -v gpsdecode >/dev/null || { echo "gpsdecode not installed (apt-get install gpsd-clients)" >&2; exit 1; }
gpsdecode -V >&2
mkdir -p "$out"
# test.aivdm alone holds every type 1-27; the larger real logs are compared with gpsdecode
# itself by tests/app/ais_cli_test.cpp when it is installed.
for rel in libais/typeexamples.nmea libais/tagblock.nmea libais/test.aivdm \
    pyais/mixed.txt pyais/messages.ais pyais/ais_test_messages pyais/timestamped.ais; do
    name=$(echo "$rel" | tr '/' '_')
    # gpsd ignores a last line without a newline; the test reads such a line too, so add one.
    { cat "$shared/$rel"; tail -c1 "$shared/$rel" | grep -q . && echo; } |
        gpsdecode -j 2>/dev/null | tr -d '\r' | grep '^{"class":"AIS"' > "$out/$name.jsonl"
    echo "$rel: $(wc -l < "$out/$name.jsonl") messages" >&2
done
