#!/bin/bash
# /lab/traffic.sh: bounded test traffic from the "client" namespace of the lab VM.
#
#   traffic.sh http  VIP PORT COUNT [PATH]   COUNT sequential HTTP GETs (one TCP connection
#                                            each); prints "<body> <n>" per answering server
#                                            and "ok=N failed=M"
#   traffic.sh udp   VIP PORT COUNT SIZE     COUNT datagrams of SIZE payload bytes, each from a
#                                            fresh source port; prints "sent=N received=M size=S"
#   traffic.sh bytes VIP PORT COUNT          COUNT downloads of /big.bin (50 MB, sparse) to /dev/null
#   traffic.sh hold  VIP PORT SECONDS        opens one TCP connection and keeps it open
#                                            SECONDS (<= 55, httpd drops idle clients at 60 s)
#                                            in the background; returns at once
#
# VIP is a literal address (IPv6 without brackets). Every request is wrapped in `timeout`
# and the whole run in an overall `timeout` (TRAFFIC_LIMIT seconds, default 300).
# Exit codes: 0 all requests answered, 1 some failed, 2 usage.
set -u
export PATH=/usr/bin:/usr/sbin:/bin:/sbin

usage() { sed -n '4,13p' "$0" >&2; exit 2; }
is_count() { [[ $1 =~ ^[0-9]+$ ]] && ((10#$1 <= $2)); }

if [[ -z ${TRAFFIC_INNER:-} ]]; then
    TRAFFIC_INNER=1 exec timeout "${TRAFFIC_LIMIT:-300}" /usr/bin/ip netns exec client "$0" "$@"
fi

[[ $# -ge 4 ]] || usage
kind=$1 vip=$2 port=$3 count=$4
is_count "$port" 65535 || usage
host=$vip
[[ $vip == *:* ]] && host="[$vip]"

case $kind in
http)
    is_count "$count" 100000 || usage
    path=${5:-/}
    ok=0 failed=0
    declare -A seen=()
    for ((i = 0; i < count; i++)); do
        if body=$(timeout 5 wget -q -O - "http://$host:$port$path" 2>/dev/null); then
            ok=$((ok + 1))
            seen[$body]=$((${seen[$body]:-0} + 1))
        else
            failed=$((failed + 1))
        fi
    done
    for body in "${!seen[@]}"; do echo "$body ${seen[$body]}"; done | sort
    echo "ok=$ok failed=$failed"
    ((failed == 0))
    ;;
udp)
    [[ $# -eq 5 ]] || usage
    is_count "$count" 20000 || usage
    is_count "$5" 65507 || usage
    # A rising source-port base per run, so a datagram never reuses a source port whose
    # IPVS UDP entry (300 s) from an earlier run still exists: each datagram is one Conn.
    base_file=/run/lab-udp-port-base
    base=$(cat "$base_file" 2>/dev/null || echo 20000)
    ((base + count > 60000)) && base=20000
    echo $((base + count)) >"$base_file"
    timeout $((count + 10)) /usr/bin/udp-echo client "$vip" "$port" "$count" "$5" "$base" 1000
    ;;
bytes)
    is_count "$count" 100 || usage
    failed=0
    for ((i = 0; i < count; i++)); do
        timeout 120 wget -q -O /dev/null "http://$host:$port/big.bin" || failed=$((failed + 1))
    done
    echo "ok=$((count - failed)) failed=$failed"
    ((failed == 0))
    ;;
hold)
    is_count "$count" 55 || usage
    # setsid + redirections detach it from the SSH session; timeout bounds it.
    setsid timeout $((count + 2)) bash -c "sleep $count | nc $vip $port" </dev/null >/dev/null 2>&1 &
    sleep 0.5
    echo "holding one connection to $host:$port for ${count}s"
    ;;
*) usage ;;
esac
