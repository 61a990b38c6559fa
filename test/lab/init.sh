#!/bin/bash
# PID 1 of the Fulcrum IPVS lab VM (copied to /init by build-image.sh).
#
# Builds, inside the VM only:
#   director  = the VM's root namespace (IPVS lives here), 192.0.2.1 + 2001:db8:1::1 on br0
#   rs1..rs3  = netns "rs1".."rs3" on bridge br0: 192.0.2.11-13/24 + 2001:db8:1::11-13/64,
#               each running busybox httpd (port 80, body "rsN") and udp-echo (UDP 9000)
#   router    = netns "router": 192.0.2.254 + 2001:db8:1::fe on br0, 198.51.100.1 +
#               2001:db8:c::1 towards the client; routes the VIP prefixes to the director
#   client    = netns "client", 198.51.100.2/24 + 2001:db8:c::2/64 behind the router
#   VIPs      = on dummy "vip0" in the director (203.0.113.0/24, 2001:db8:100::/64)
# As in a real LVS site, NAT replies return through the director (the real servers'
# default gateway) while DR and TUN replies (source = VIP, policy route) go straight to
# the router, bypassing IPVS: so OutPkts/OutBytes stay 0 for DR and TUN.
# eth0 (qemu slirp, 10.0.2.15/24) only carries the forwarded SSH port; no default route,
# and qemu runs with restrict=on, so nothing here can reach outside the VM.
#
# Runs under bash on purpose: busybox ash runs its own `ip` applet (no netns/veth)
# before PATH, so iproute2 is always called as /usr/bin/ip (= /sbin/ip).
set -u
export PATH=/usr/bin:/usr/sbin:/bin:/sbin
export HOME=/root
IP=/usr/bin/ip

log() { echo "lab-init: $*"; }
die() {
    echo "FULCRUM-LAB-FAILED: $*"
    # Stop the VM so the host sees the failure at once instead of waiting for a timeout.
    sleep 1
    poweroff -f
    exit 1
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null || true
mkdir -p /dev/pts /dev/shm /run /tmp
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
exec </dev/console >/dev/console 2>&1
hostname fulcrum-lab

for module in virtio_pci virtio_net virtio_rng veth bridge dummy ipip \
    ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_sh \
    sch_ingress cls_u32 act_skbedit; do
    modprobe "$module" || die "modprobe $module"
done

sysctl_set() { echo "$2" >"/proc/sys/${1//.//}" || die "sysctl $1=$2"; }

# --- director (root namespace) -------------------------------------------------------
sysctl_set net.ipv4.ip_forward 1
sysctl_set net.ipv6.conf.all.forwarding 1
sysctl_set net.ipv6.conf.default.accept_dad 0
# NAT replies enter and leave br0: no ICMP redirects, or the real servers would learn to
# bypass the director and NAT would break.
sysctl_set net.ipv4.conf.all.send_redirects 0
sysctl_set net.ipv4.conf.default.send_redirects 0
sysctl_set net.ipv4.conf.all.rp_filter 0
sysctl_set net.ipv4.conf.default.rp_filter 0

$IP link set lo up
$IP link set eth0 up || die "no eth0"
$IP addr add 10.0.2.15/24 dev eth0

$IP link add vip0 type dummy
$IP link set vip0 up
for vip in 203.0.113.10 203.0.113.20 203.0.113.30 203.0.113.40 203.0.113.50 203.0.113.60 203.0.113.70; do
    $IP addr add "$vip/32" dev vip0
done
$IP -6 addr add 2001:db8:100::10/128 dev vip0 nodad

$IP link add br0 type bridge
$IP link set br0 up
$IP addr add 192.0.2.1/24 dev br0
$IP -6 addr add 2001:db8:1::1/64 dev br0 nodad

ns_sysctl() { # ns_sysctl NS key=value...
    local ns=$1 pair
    shift
    for pair in "$@"; do
        $IP netns exec "$ns" bash -c "echo ${pair#*=} > /proc/sys/${pair%%=*}" ||
            die "sysctl in $ns: $pair"
    done
}

# --- real servers ----------------------------------------------------------------------
for i in 1 2 3; do
    ns=rs$i
    $IP netns add "$ns"
    $IP netns exec "$ns" bash -c '
        echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad
        echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter
        echo 0 > /proc/sys/net/ipv4/conf/default/rp_filter
        echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore
        echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce
        echo 0 > /proc/sys/net/ipv4/conf/all/accept_redirects
        echo 0 > /proc/sys/net/ipv4/conf/default/accept_redirects
        echo 0 > /proc/sys/net/ipv6/conf/all/accept_redirects
        echo 0 > /proc/sys/net/ipv6/conf/default/accept_redirects' || die "sysctl $ns"
    $IP link add "vrs$i" type veth peer name eth0 netns "$ns"
    $IP link set "vrs$i" master br0 up
    $IP -n "$ns" link set lo up
    $IP -n "$ns" link set eth0 up
    $IP -n "$ns" addr add "192.0.2.1$i/24" dev eth0
    $IP -n "$ns" -6 addr add "2001:db8:1::1$i/64" dev eth0 nodad
    $IP -n "$ns" route add default via 192.0.2.1
    $IP -n "$ns" -6 route add default via 2001:db8:1::1
    # DR/TUN replies leave with the VIP as source: send them to the router, not the director.
    $IP -n "$ns" route add default via 192.0.2.254 table 100
    $IP -n "$ns" rule add from 203.0.113.20 lookup 100 prio 100
    $IP -n "$ns" rule add from 203.0.113.30 lookup 100 prio 100
    # DR: the VIP on lo (arp_ignore/arp_announce above keep the RS from answering ARP for it)
    $IP -n "$ns" addr add 203.0.113.20/32 dev lo
    # TUN: ipip decapsulates on tunl0 (created in every netns once ipip is loaded)
    $IP -n "$ns" link set tunl0 up
    $IP -n "$ns" addr add 203.0.113.30/32 dev tunl0
    ns_sysctl "$ns" net/ipv4/conf/tunl0/rp_filter=0

    mkdir -p "/srv/$ns"
    echo "$ns" >"/srv/$ns/index.html"
    # Sparse file (tmpfs holes cost no memory) for the large-counter capture.
    truncate -s 50M "/srv/$ns/big.bin"
    $IP netns exec "$ns" busybox httpd -p 80 -h "/srv/$ns" || die "httpd in $ns"
    $IP netns exec "$ns" /usr/bin/udp-echo server 9000 </dev/null >/dev/null 2>&1 &
done

# --- router and client --------------------------------------------------------------
for ns in router client; do
    $IP netns add "$ns"
    $IP netns exec "$ns" bash -c 'echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad' || die "sysctl $ns"
    $IP -n "$ns" link set lo up
done
ns_sysctl router net/ipv4/ip_forward=1 net/ipv6/conf/all/forwarding=1
$IP link add vrt type veth peer name eth1 netns router
$IP link set vrt master br0 up
$IP -n router link set eth1 up
$IP -n router addr add 192.0.2.254/24 dev eth1
$IP -n router -6 addr add 2001:db8:1::fe/64 dev eth1 nodad
$IP -n router link add eth0 type veth peer name eth0 netns client
$IP -n router link set eth0 up
$IP -n router addr add 198.51.100.1/24 dev eth0
$IP -n router -6 addr add 2001:db8:c::1/64 dev eth0 nodad
$IP -n router route add 203.0.113.0/24 via 192.0.2.1
$IP -n router -6 route add 2001:db8:100::/64 via 2001:db8:1::1
$IP -n client link set eth0 up
$IP -n client addr add 198.51.100.2/24 dev eth0
$IP -n client -6 addr add 2001:db8:c::2/64 dev eth0 nodad
$IP -n client route add default via 198.51.100.1
$IP -n client -6 route add default via 2001:db8:c::1
$IP route add 198.51.100.0/24 via 192.0.2.254
$IP -6 route add 2001:db8:c::/64 via 2001:db8:1::fe

# FWM: mark client traffic for 203.0.113.50 with mark 1 as it enters the director (br0).
tc qdisc add dev br0 ingress || die "tc qdisc"
tc filter add dev br0 parent ffff: protocol ip prio 1 u32 \
    match ip dst 203.0.113.50/32 action skbedit mark 1 || die "tc filter"

# --- IPVS services -------------------------------------------------------------------
ipvs() { ipvsadm "$@" || die "ipvsadm $*"; }
RS="192.0.2.11 192.0.2.12 192.0.2.13"

# NAT, wrr, weights 3/1/0 (rs3 quiescent), thresholds on rs1 and rs2
ipvs -A -t 203.0.113.10:80 -s wrr
ipvs -a -t 203.0.113.10:80 -r 192.0.2.11:80 -m -w 3
ipvs -a -t 203.0.113.10:80 -r 192.0.2.12:80 -m -w 1
ipvs -a -t 203.0.113.10:80 -r 192.0.2.13:80 -m -w 0
# DR, rr
ipvs -A -t 203.0.113.20:80 -s rr
for r in $RS; do ipvs -a -t 203.0.113.20:80 -r "$r:80" -g -w 1; done
# TUN (ipip), rr
ipvs -A -t 203.0.113.30:80 -s rr
for r in $RS; do ipvs -a -t 203.0.113.30:80 -r "$r:80" -i -w 1; done
# UDP, NAT, rr, to udp-echo
ipvs -A -u 203.0.113.40:9000 -s rr
for r in $RS; do ipvs -a -u 203.0.113.40:9000 -r "$r:9000" -m -w 1; done
# FWM 1 (marked by tc above), NAT, wlc
ipvs -A -f 1 -s wlc
for r in $RS; do ipvs -a -f 1 -r "$r:80" -m -w 1; done
# IPv6, NAT, rr
ipvs -A -t '[2001:db8:100::10]:80' -s rr
for i in 1 2 3; do ipvs -a -t '[2001:db8:100::10]:80' -r "[2001:db8:1::1$i]:80" -m -w 1; done
# Persistent with netmask, NAT, wlc
ipvs -A -t 203.0.113.60:80 -s wlc -p 300 -M 255.255.255.0
for r in $RS; do ipvs -a -t 203.0.113.60:80 -r "$r:80" -m -w 1; done
# SCTP, NAT, sh (no SCTP traffic: the service and its listing are what matter)
ipvs -A --sctp-service 203.0.113.70:5000 -s sh
for r in $RS; do ipvs -a --sctp-service 203.0.113.70:5000 -r "$r:5000" -m -w 1; done

# Saved for /lab/reset.sh. ipvsadm-save drops -x/-y, so thresholds are kept apart, in
# `ipvsadm -e` form with the forwarding method and weight repeated (-e without -m would
# switch a NAT destination to DR).
mkdir -p /lab/state
cat >/lab/state/thresholds.rules <<'EOF'
-e -t 203.0.113.10:80 -r 192.0.2.11:80 -m -w 3 -x 1000 -y 800
-e -t 203.0.113.10:80 -r 192.0.2.12:80 -m -w 1 -x 500 -y 0
EOF
while read -r line; do
    # shellcheck disable=SC2086
    ipvs $line
done </lab/state/thresholds.rules
ipvsadm-save -n >/lab/state/ipvs.rules || die "ipvsadm-save"

# --- SSH -----------------------------------------------------------------------------
mkdir -p /var/log
dropbear -r /etc/dropbear/dropbear_ed25519_host_key -p 22 -s -j -k -E \
    >/var/log/dropbear.log 2>&1 || die "dropbear"

log "kernel $(uname -r), $(ipvsadm --version 2>&1)"
echo "FULCRUM-LAB-READY"

# PID 1 must never exit; bash reaps orphans while it waits.
while :; do
    sleep 3600 &
    wait $!
done
