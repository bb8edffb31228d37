#!/usr/bin/env bash
# UDP ingest under load: real AIS sentences (the DMA and AMSA logs in ../shared/testdata,
# repeated), one per datagram on loopback, into `seawatch ais watch` and into the console
# under Xvfb, at several rates. For each run it reports what was offered, what the program
# received, what the kernel dropped (the socket's own drop counter and the UdpRcvbufErrors
# delta from /proc/net/snmp), CPU per thread over the sending window and the resident size;
# for the console, also the times of the frames it drew while the sentences arrived.
# It also measures the console idle (no data, nothing moving).
#
#   bench/udp_ingest.sh [--build DIR] [--seconds N] [--rates "5000 20000 ..."]
#                       [--targets "watch console"] [--no-idle]
#
# The figures go in docs/PERFORMANCE.md with `cat /proc/loadavg` (printed here): this machine
# is shared, and a number taken under load says so.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
build="$here/build"
seconds=10
rates="5000 20000 50000 100000 200000"
targets="watch console"
idle=1
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --rates) rates="$2"; shift 2 ;;
        --targets) targets="$2"; shift 2 ;;
        --no-idle) idle=0; shift ;;
        *) echo "udp_ingest.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

seawatch="$build/src/app/seawatch"
[ -x "$seawatch" ] || { echo "udp_ingest.sh: build seawatch first ($seawatch)" >&2; exit 1; }
testdata="$here/../shared/testdata/ais/tracks"
inputs=("$testdata"/*.txt)
[ -e "${inputs[0]}" ] || { echo "udp_ingest.sh: no AIS logs in $testdata" >&2; exit 1; }

work="$(mktemp -d /tmp/seawatch_udp_ingest.XXXXXX)"
target_pid=""
wrapper_pid=""
cleanup() {
    [ -n "$target_pid" ] && kill "$target_pid" 2>/dev/null || true
    [ -n "$wrapper_pid" ] && wait "$wrapper_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

sender="$work/udp_sender"
c++ -O2 -std=c++20 -o "$sender" "$here/bench/udp_sender.cpp"

free_port() {
    python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
rcvbuf_errors() { awk '/^Udp:/ { if (!h) { for (i=1;i<=NF;i++) c[$i]=i; h=1 } else print $c["RcvbufErrors"] }' /proc/net/snmp; }
# The socket's own drop counter: the last column of its /proc/net/udp line.
socket_drops() {
    local hexport
    hexport=$(printf '%04X' "$1")
    awk -v p=":$hexport" '$2 ~ p"$" { print $NF; found=1 } END { if (!found) print "?" }' /proc/net/udp
}
clock_ticks=$(getconf CLK_TCK)
# "name=ticks" for every thread of a process (utime + stime).
thread_ticks() {
    for task in /proc/"$1"/task/*; do
        local comm stat
        comm=$(cat "$task/comm" 2>/dev/null) || continue
        stat=$(cat "$task/stat" 2>/dev/null) || continue
        stat=${stat##*) }
        set -- $stat
        echo "$(basename "$task"):$comm=$(( ${12} + ${13} ))"
    done
}
# CPU % of a core per thread between two thread_ticks snapshots over $3 seconds.
cpu_per_thread() {
    local before="$1" after="$2" span="$3"
    for line in $after; do
        local key=${line%%=*} now=${line##*=} then
        then=$(printf '%s\n' $before | awk -F= -v k="$key" '$1 == k { print $2 }')
        [ -z "$then" ] && then=0
        local name=${key#*:}
        awk -v n="$name" -v d=$(( now - then )) -v hz="$clock_ticks" -v s="$span" \
            'BEGIN { if (d > 0) printf "%s %.0f%%  ", n, 100 * d / hz / s }'
    done
}
# Waits until something listens on the UDP port (the program has loaded and bound).
wait_bound() {
    local hexport
    hexport=$(printf '%04X' "$1")
    for _ in $(seq 1 300); do
        awk -v p=":$hexport" '$2 ~ p"$" { found=1 } END { exit !found }' /proc/net/udp && return 0
        sleep 0.1
    done
    echo "udp_ingest.sh: nothing bound port $1" >&2
    cat "$work/err" >&2
    exit 1
}
# Frame times of the console's frames that started between two Unix-ms stamps (its
# --frame-times file, written when it closes): count, median, 95th percentile, worst, and how
# many took longer than 33 ms.
frame_stats() {
    local from="$1" to="$2"
    [ -s "$work/frames" ] || { echo "frames: none written  "; return; }
    awk -v a="$from" -v b="$to" '$1 >= a && $1 <= b { print $2 }' "$work/frames" | sort -g |
        awk '{ v[NR] = $1; if ($1 > 33) slow++ }
             END {
                 if (NR == 0) { printf "frames: none drawn  "; exit }
                 p95 = int(NR * 0.95)
                 if (p95 < 1) p95 = 1
                 printf "frames %d: median %.1f, p95 %.1f, worst %.1f ms, %d over 33 ms  ",
                     NR, v[int((NR + 1) / 2)], v[p95], v[NR], slow + 0
             }'
}
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' /proc/"$1"/status; }

start_target() {  # kind port -> sets target_pid
    local kind="$1" port="$2"
    export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
    if [ "$kind" = watch ]; then
        "$seawatch" ais watch "udp://127.0.0.1:$port" --duration 100000 >"$work/out" 2>"$work/err" &
        target_pid=$!
        wrapper_pid=$target_pid
        wait_bound "$port"
        sleep 1
    else
        rm -f "$work/frames"
        xvfb-run -a -s "-screen 0 1400x900x24" "$seawatch" --ais "udp://127.0.0.1:$port" \
            --frame-times "$work/frames" >"$work/out" 2>"$work/err" &
        wrapper_pid=$!
        target_pid=""
        for _ in $(seq 1 100); do
            # xvfb-run runs the console as its own child.
            target_pid=$(pgrep -n -x seawatch -P "$wrapper_pid" 2>/dev/null || true)
            [ -n "$target_pid" ] && break
            sleep 0.1
        done
        [ -n "$target_pid" ] || { echo "console did not start" >&2; cat "$work/err" >&2; exit 1; }
        wait_bound "$port"
        sleep 3  # the first frames, then the console settles
    fi
}
stop_target() {
    # TERM: a background job of a script ignores INT; ais watch and the console stop cleanly
    # on either (the console writes its --frame-times file as it closes).
    kill -TERM "$target_pid" 2>/dev/null || true
    wait "$wrapper_pid" 2>/dev/null || true
    target_pid=""
    wrapper_pid=""
}

echo "# $(date -u +%FT%TZ)  load average: $(cat /proc/loadavg)  cores: $(nproc)"
echo "# input: ${inputs[*]##*/}, one sentence per datagram, repeated; $seconds s per rate"
net_rmem_max=$(cat /proc/sys/net/core/rmem_max 2>/dev/null || echo ?)
echo "# net.core.rmem_max = $net_rmem_max"

if [ "$idle" = 1 ] && [[ " $targets " == *" console "* ]]; then
    port=$(free_port)
    start_target console "$port"
    sleep 2
    before=$(thread_ticks "$target_pid")
    sleep "$seconds"
    after=$(thread_ticks "$target_pid")
    echo "console idle (feed open, no data) over $seconds s: $(cpu_per_thread "$before" "$after" "$seconds") RSS $(rss_mb "$target_pid") MB  load $(cut -d' ' -f1-3 /proc/loadavg)"
    stop_target
fi

printf '%-8s %7s %9s %9s %8s %8s  %s\n' target rate offered received dropped rcvbuf "cpu per thread (% of a core), RSS"
for target in $targets; do
    for rate in $rates; do
        port=$(free_port)
        start_target "$target" "$port"
        errors_before=$(rcvbuf_errors)
        before=$(thread_ticks "$target_pid")
        sending_from=$(date +%s%3N)
        offered=$("$sender" "$port" "$rate" "$seconds" "${inputs[@]}" | awk '{ print $2 }')
        sending_to=$(date +%s%3N)
        after=$(thread_ticks "$target_pid")
        sleep 1
        drops=$(socket_drops "$port")
        errors_after=$(rcvbuf_errors)
        rss=$(rss_mb "$target_pid")
        cpu=$(cpu_per_thread "$before" "$after" "$seconds")
        stop_target
        frames=""
        [ "$target" = console ] && frames=$(frame_stats "$sending_from" "$sending_to")
        received="?"
        if [ "$target" = watch ]; then
            received=$(awk '/sentences/ { for (i=1;i<=NF;i++) if ($i=="sentences") v=$(i-1) } END { print v }' "$work/err")
        elif [ "$drops" != "?" ]; then
            received=$(( offered - drops ))
        fi
        printf '%-8s %7s %9s %9s %8s %8s  %sRSS %s MB  %sload %s\n' "$target" "$rate" \
            "$offered" "$received" "$drops" "$(( errors_after - errors_before ))" "$cpu" "$rss" \
            "$frames" "$(cut -d' ' -f1 /proc/loadavg)"
    done
done
