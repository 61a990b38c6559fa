#!/bin/bash
# Capture real ipvsadm / procfs output from the lab VM into test/fixtures/lab/.
#
#   test/lab/capture-fixtures.sh
#
# By default boots its own fresh VM (run folder $LAB_CACHE/run-capture) so the counters start
# at zero and the connection table is empty, and stops it afterwards. LAB_CAPTURE_REUSE=1
# uses the VM of the default run folder instead (after /lab/reset.sh; stale connection
# entries of earlier traffic may then show in the connection listings).
# Sends known, bounded traffic, waits for the 2 s IPVS estimator, captures every listing,
# then checks the expectations documented in test/fixtures/lab/README.md and exits 1 if
# one does not hold.
set -euo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${LAB_CACHE:-$LAB_DIR/.cache}
OUT=${LAB_FIXTURES:-$(cd "$LAB_DIR/../.." && pwd)/test/fixtures/lab}
BOOT=$LAB_DIR/boot.sh

log() { echo "capture: $*" >&2; }

# Traffic plan: the numbers the fixture README promises.
NAT_REQUESTS=40     # wrr 3/1/0 -> 30/10/0
DR_REQUESTS=30      # rr -> 10/10/10
TUN_REQUESTS=12     # rr -> 4/4/4
UDP_DATAGRAMS=21    # rr -> 7/7/7
UDP_SIZE=100        # payload bytes: 128-byte IP packets both ways
FWM_REQUESTS=9      # wlc -> 3/3/3
V6_REQUESTS=9       # rr -> 3/3/3
PERSIST_REQUESTS=10 # + 1 held connection -> 11 on one destination
BIG_DOWNLOADS=32    # x 50 MiB through NAT for the large-counter capture -> 24/8/0

started_vm=""
if [[ -n ${LAB_CAPTURE_REUSE:-} ]]; then
    "$BOOT" status || { log "no running VM to reuse (boot.sh start)"; exit 1; }
    "$BOOT" ssh /lab/reset.sh
else
    export LAB_RUN_DIR=$CACHE/run-capture
    "$BOOT" stop >/dev/null 2>&1 || true
    "$BOOT" start >/dev/null
    started_vm=1
fi
cleanup() { if [[ -n $started_vm ]]; then "$BOOT" stop >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT

guest() { "$BOOT" ssh "$@"; }

# --- traffic ---------------------------------------------------------------------------
traffic_log=$(mktemp)
run_traffic() { # run_traffic ARGS... : run /lab/traffic.sh, keep its output, fail on error
    echo "## traffic.sh $*" >>"$traffic_log"
    guest /lab/traffic.sh "$@" | tee -a "$traffic_log" >&2
}
log "sending traffic"
run_traffic http 203.0.113.10 80 "$NAT_REQUESTS"
run_traffic http 203.0.113.20 80 "$DR_REQUESTS"
run_traffic http 203.0.113.30 80 "$TUN_REQUESTS"
run_traffic udp 203.0.113.40 9000 "$UDP_DATAGRAMS" "$UDP_SIZE"
run_traffic http 203.0.113.50 80 "$FWM_REQUESTS"
run_traffic http 2001:db8:100::10 80 "$V6_REQUESTS"
run_traffic http 203.0.113.60 80 "$PERSIST_REQUESTS"
run_traffic hold 203.0.113.60 80 50
log "waiting 5 s for the IPVS estimator (2 s period)"
sleep 5

# --- capture (one SSH session, files tarred back) ----------------------------------------
capture_script='
set -u
export PATH=/usr/bin
dir=$1 what=$2
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
cap() { local file=$1; shift; "$@" >"$file" 2>&1; }
if [[ $what != norate ]]; then
    cap ipvsadm-Ln-rate.txt ipvsadm -Ln --rate
    cap ipvsadm-Ln-rate-exact.txt ipvsadm -Ln --rate --exact
fi
if [[ $what == rate ]]; then tar -cf - .; exit 0; fi
cap ipvsadm-Ln.txt ipvsadm -Ln
cap ipvsadm-Ln-exact.txt ipvsadm -Ln --exact
cap ipvsadm-Ln-stats.txt ipvsadm -Ln --stats
cap ipvsadm-Ln-stats-exact.txt ipvsadm -Ln --stats --exact
cap ipvsadm-Ln-persistent-conn.txt ipvsadm -Ln --persistent-conn
cap ipvsadm-Ln-thresholds.txt ipvsadm -Ln --thresholds
cap ipvsadm-Ln-tun-info.txt ipvsadm -Ln --tun-info
cap ipvsadm-Lnc.txt ipvsadm -Lnc
cap proc-net-ip_vs_conn.txt cat /proc/net/ip_vs_conn
cap ipvsadm-Sn.txt ipvsadm -Sn
cap ipvsadm-save-n.txt ipvsadm-save -n
cap proc-net-ip_vs.txt cat /proc/net/ip_vs
cap proc-net-ip_vs_stats.txt cat /proc/net/ip_vs_stats
cap proc-net-ip_vs_stats_percpu.txt cat /proc/net/ip_vs_stats_percpu
cap proc-net-dev.txt cat /proc/net/dev
cap ip-o-addr.txt ip -o addr
cap sys-class-net-speed.txt sh -c "grep -H . /sys/class/net/*/speed"
cap ipvsadm-version.txt ipvsadm --version
cap uname-r.txt uname -r
tar -cf - .
'
capture_into() { # capture_into DIR [all|rate|norate]: capture in the guest, unpack into DIR
    local dir=$1
    mkdir -p "$dir"
    guest bash -c "$(printf '%q' "$capture_script")" capture /tmp/capture "${2:-all}" | tar -xf - -C "$dir"
}

mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/large/*.txt
log "capturing into $OUT"
capture_into "$OUT"
cp "$traffic_log" "$OUT/traffic-log.txt"

# --- large counters: pump > 1 GB through the NAT service ----------------------------------
log "large capture: $BIG_DOWNLOADS x 50 MiB through NAT"
: >"$traffic_log"
big_start=$(date +%s.%N)
# Run the transfer in the background in the guest (bounded by traffic.sh's own timeouts) and
# sample --rate while it runs: the rate EWMA needs several 2 s ticks to climb past 10^8 B/s.
guest "rm -f /tmp/big.log; setsid /lab/traffic.sh bytes 203.0.113.10 80 $BIG_DOWNLOADS </dev/null >/tmp/big.log 2>&1 &"
sleep 8
capture_into "$OUT/large" rate
for _ in $(seq 1 120); do
    guest "grep -q '^ok=' /tmp/big.log" && break
    sleep 1
done
big_end=$(date +%s.%N)
echo "## traffic.sh bytes 203.0.113.10 80 $BIG_DOWNLOADS (background)" >>"$traffic_log"
guest cat /tmp/big.log | tee -a "$traffic_log" >&2
grep -q "^ok=$BIG_DOWNLOADS failed=0" "$traffic_log" || { log "large transfer failed"; exit 1; }
sleep 3
capture_into "$OUT/large" norate
cp "$traffic_log" "$OUT/large/traffic-log.txt"
rm -f "$traffic_log"
# The large capture keeps only what it is for.
(cd "$OUT/large" && rm -f ipvsadm-Ln-persistent-conn.txt ipvsadm-Ln-thresholds.txt ipvsadm-Ln-tun-info.txt \
    ipvsadm-Lnc.txt proc-net-ip_vs_conn.txt ipvsadm-Sn.txt ipvsadm-save-n.txt ip-o-addr.txt \
    sys-class-net-speed.txt ipvsadm-version.txt uname-r.txt proc-net-ip_vs_stats_percpu.txt)
awk -v a="$big_start" -v b="$big_end" -v n="$BIG_DOWNLOADS" \
    'BEGIN { printf "large transfer: %d x 52428800 bytes in about %.0f s\n", n, b - a }' >&2

# --- verify the documented expectations -------------------------------------------------
"$LAB_DIR/verify-fixtures.sh" "$OUT"
log "done: $(ls "$OUT" | wc -l) files in $OUT"
