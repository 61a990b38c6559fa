#!/bin/bash
# Start, stop and reach the Fulcrum IPVS lab VM (qemu, TCG, headless).
#
#   boot.sh start          build the image if needed, boot, wait for FULCRUM-LAB-READY and SSH;
#                          prints the state file path. Idempotent: a running, reachable VM is reused.
#   boot.sh stop           poweroff -f over SSH, then kill the recorded qemu PID as a fallback
#   boot.sh ssh CMD...     run CMD in the guest (as root, in the director namespace)
#   boot.sh status         exit 0 when the recorded VM is alive and answers SSH
#   boot.sh env            print the state file (KEY=VALUE lines)
#
# Environment:
#   LAB_CACHE         cache folder (default test/lab/.cache)
#   LAB_RUN_DIR       state folder (default $LAB_CACHE/run); one VM per run folder
#   LAB_BOOT_TIMEOUT  seconds to wait for FULCRUM-LAB-READY (default 240)
#   LAB_SSH_TIMEOUT   seconds allowed per `boot.sh ssh` call (default 60)
#   LAB_MEMORY        guest memory in MiB (default 256)
#   LAB_SKIP_BUILD=1  do not call build-image.sh (use the image as it is)
#
# State file $LAB_RUN_DIR/lab.env (written by start, removed by stop):
#   LAB_HOST=127.0.0.1  LAB_PORT=<forwarded SSH port>  LAB_USER=root  LAB_PID=<qemu pid>
#   LAB_KEY=<client private key>  LAB_KNOWN_HOSTS=<known_hosts file for the port>
#   LAB_HOST_PUBKEY=<guest host key, OpenSSH one-line>  LAB_CONSOLE=<console log>
#   LAB_BOOT_SECONDS=<boot time>  LAB_STARTED_AT=<epoch seconds>
#
# Exit codes: 0 ok; 1 error (build failed, qemu failed to start); 2 usage; 3 no READY line
# within LAB_BOOT_TIMEOUT (or the guest init reported FULCRUM-LAB-FAILED); 4 SSH did not answer;
# 5 no VM recorded / not running (ssh, status); other codes of `ssh` pass through from `boot.sh ssh`.
set -euo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${LAB_CACHE:-$LAB_DIR/.cache}
RUN_DIR=${LAB_RUN_DIR:-$CACHE/run}
STATE=$RUN_DIR/lab.env
BOOT_TIMEOUT=${LAB_BOOT_TIMEOUT:-240}
SSH_TIMEOUT=${LAB_SSH_TIMEOUT:-60}

log() { echo "boot.sh: $*" >&2; }

load_state() {
    [[ -f $STATE ]] || return 1
    # shellcheck disable=SC1090
    source "$STATE"
}

pid_is_our_qemu() { # the recorded PID is alive and is still a qemu process
    [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null &&
        grep -q qemu-system "/proc/$1/cmdline" 2>/dev/null
}

lab_ssh() { # lab_ssh [ssh options...] -- remote command
    ssh -i "$LAB_KEY" -p "$LAB_PORT" \
        -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=10 \
        -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$LAB_KNOWN_HOSTS" \
        -o LogLevel=ERROR -o ServerAliveInterval=5 -o ServerAliveCountMax=3 \
        "$LAB_USER@$LAB_HOST" "$@"
}

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        if port_is_free "$port"; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

write_state() {
    cat >"$STATE.tmp" <<EOF
LAB_HOST=127.0.0.1
LAB_PORT=$LAB_PORT
LAB_USER=root
LAB_PID=$LAB_PID
LAB_KEY=$CACHE/keys/id_ed25519
LAB_KNOWN_HOSTS=$RUN_DIR/known_hosts
LAB_HOST_PUBKEY=$CACHE/keys/host_ed25519.pub
LAB_CONSOLE=$RUN_DIR/console.log
LAB_BOOT_SECONDS=${LAB_BOOT_SECONDS:-}
LAB_STARTED_AT=$LAB_STARTED_AT
EOF
    mv "$STATE.tmp" "$STATE"
}

kill_qemu() { # kill_qemu PID: TERM, then KILL; only the PID we recorded
    local pid=$1
    pid_is_our_qemu "$pid" || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do
        pid_is_our_qemu "$pid" || return 0
        sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null || true
}

cmd_status() {
    load_state || return 5
    pid_is_our_qemu "$LAB_PID" || return 5
    lab_ssh true </dev/null || return 4
}

cmd_start() {
    mkdir -p "$RUN_DIR"
    if load_state && pid_is_our_qemu "$LAB_PID"; then
        if lab_ssh true </dev/null; then
            log "already running (pid $LAB_PID, port $LAB_PORT)"
            echo "$STATE"
            return 0
        fi
        log "recorded VM (pid $LAB_PID) does not answer SSH; killing it"
        kill_qemu "$LAB_PID"
    fi
    rm -f "$STATE"

    if [[ -z ${LAB_SKIP_BUILD:-} ]]; then
        "$LAB_DIR/build-image.sh" >/dev/null || { log "image build failed"; return 1; }
    fi
    local kernel=$CACHE/image/vmlinuz initrd=$CACHE/image/initramfs.img
    [[ -f $kernel && -f $initrd ]] || { log "no image in $CACHE/image (run build-image.sh)"; return 1; }

    local console=$RUN_DIR/console.log qemu_log=$RUN_DIR/qemu.log pidfile=$RUN_DIR/qemu.pid
    local started
    started=$(date +%s.%N)
    LAB_STARTED_AT=${started%.*}
    LAB_PID=""
    for attempt in 1 2 3 4 5; do
        LAB_PORT=$(pick_port) || { log "no free loopback port"; return 1; }
        rm -f "$console" "$pidfile"
        # restrict=on: the guest reaches nothing outside; only the loopback forward gets in.
        qemu-system-x86_64 -accel tcg -m "${LAB_MEMORY:-256}" -smp 1 \
            -nographic -monitor none -serial "file:$console" -no-reboot \
            -kernel "$kernel" -initrd "$initrd" \
            -append "console=ttyS0 quiet panic=-1" \
            -netdev "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:$LAB_PORT-:22" \
            -device virtio-net-pci,netdev=n0,romfile= \
            -device virtio-rng-pci \
            -pidfile "$pidfile" \
            </dev/null >"$qemu_log" 2>&1 &
        LAB_PID=$!
        sleep 0.5
        if kill -0 "$LAB_PID" 2>/dev/null; then break; fi
        if grep -qi 'hostfwd\|could not set up host forwarding' "$qemu_log"; then
            log "port $LAB_PORT taken (attempt $attempt); retrying"
            LAB_PID=""
            continue
        fi
        log "qemu failed to start:"
        cat "$qemu_log" >&2
        return 1
    done
    [[ -n $LAB_PID ]] || { log "could not start qemu"; return 1; }
    # Interrupted while booting: do not leave this qemu behind.
    trap 'kill_qemu "$LAB_PID"; rm -f "$STATE"; exit 130' INT TERM
    printf '[127.0.0.1]:%s %s\n' "$LAB_PORT" "$(cat "$CACHE/keys/host_ed25519.pub")" >"$RUN_DIR/known_hosts"
    LAB_KEY=$CACHE/keys/id_ed25519 LAB_KNOWN_HOSTS=$RUN_DIR/known_hosts LAB_HOST=127.0.0.1 LAB_USER=root
    write_state

    # Wait for the READY line first: slirp accepts TCP before the guest listens, so
    # probing SSH early only stalls.
    local deadline=$((SECONDS + BOOT_TIMEOUT))
    until grep -q 'FULCRUM-LAB-READY' "$console" 2>/dev/null; do
        if grep -q 'FULCRUM-LAB-FAILED' "$console" 2>/dev/null || ! kill -0 "$LAB_PID" 2>/dev/null; then
            log "guest failed to come up; console tail:"
            tail -n 30 "$console" >&2 || true
            kill_qemu "$LAB_PID"
            rm -f "$STATE"
            return 3
        fi
        if ((SECONDS >= deadline)); then
            log "no FULCRUM-LAB-READY within ${BOOT_TIMEOUT}s; console tail:"
            tail -n 30 "$console" >&2 || true
            kill_qemu "$LAB_PID"
            rm -f "$STATE"
            return 3
        fi
        sleep 0.2
    done
    local ok=""
    for _ in $(seq 1 15); do
        if lab_ssh true </dev/null 2>/dev/null; then ok=1; break; fi
        sleep 1
    done
    if [[ -z $ok ]]; then
        log "SSH on 127.0.0.1:$LAB_PORT did not answer"
        kill_qemu "$LAB_PID"
        rm -f "$STATE"
        return 4
    fi
    local now
    now=$(date +%s.%N)
    LAB_BOOT_SECONDS=$(awk -v a="$started" -v b="$now" 'BEGIN { printf "%.1f", b - a }')
    write_state
    trap - INT TERM
    log "ready in ${LAB_BOOT_SECONDS}s (pid $LAB_PID, ssh root@127.0.0.1 -p $LAB_PORT)"
    echo "$STATE"
}

cmd_stop() {
    load_state || { log "no VM recorded"; return 0; }
    if pid_is_our_qemu "$LAB_PID"; then
        # poweroff -f never returns a clean SSH exit: the VM is gone mid-session.
        timeout 10 ssh -i "$LAB_KEY" -p "$LAB_PORT" -o BatchMode=yes -o IdentitiesOnly=yes \
            -o ConnectTimeout=5 -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$LAB_KNOWN_HOSTS" \
            -o LogLevel=QUIET "$LAB_USER@$LAB_HOST" 'poweroff -f' </dev/null >/dev/null 2>&1 || true
        for _ in $(seq 1 20); do
            pid_is_our_qemu "$LAB_PID" || break
            sleep 0.25
        done
        kill_qemu "$LAB_PID"
    fi
    rm -f "$STATE" "$RUN_DIR/qemu.pid"
    log "stopped"
}

cmd_ssh() {
    load_state || { log "no VM recorded (boot.sh start)"; return 5; }
    pid_is_our_qemu "$LAB_PID" || { log "VM pid $LAB_PID is not running"; return 5; }
    local rc=0
    timeout "$SSH_TIMEOUT" ssh -i "$LAB_KEY" -p "$LAB_PORT" \
        -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=10 \
        -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$LAB_KNOWN_HOSTS" \
        -o LogLevel=ERROR "$LAB_USER@$LAB_HOST" "$@" || rc=$?
    return "$rc"
}

case ${1:-} in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
env) load_state && cat "$STATE" || { log "no VM recorded"; exit 5; } ;;
ssh)
    shift
    [[ $# -ge 1 ]] || { echo "usage: boot.sh ssh CMD..." >&2; exit 2; }
    cmd_ssh "$@"
    ;;
*)
    sed -n '2,11p' "$0" >&2
    exit 2
    ;;
esac
