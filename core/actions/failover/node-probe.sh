# shellcheck shell=sh
# The failover preflight's read of one director (read-node-view.ts) in one round trip: one frame of
# the sampler's format (core/sampler/remote-script.ts), read by the same frame reader, with
# keepalived's pid, its DATA dump and its config (both redacted here, on the host, by
# core/shell/keepalived-dump.sh: no secret crosses SSH), `ip -o addr`, `ipvsadm -Sn` and the LVS
# sync daemon, and how the node runs keepalived (keepalived-control.sh). Sent on stdin after
# core/shell/tools.sh, privilege.sh, frame-sections.sh, keepalived-dump.sh and keepalived-control.sh:
#
#   sh -s -- PIDFILE CONFIG KTMP UNIT
#
# Reads that need root go through root_run: direct as root, else under `sudo -n` where sudoers
# grants exactly that command.

# KPIDFILES and KTMP are read by keepalived-dump.sh.
# shellcheck disable=SC2034
node_probe() {
  KPIDFILES=$1
  np_config=$2
  KTMP=$3
  np_unit=${4:-keepalived}
  host_init
  sleep_init
  keepalived_init 1
  find_tool ip
  np_ip=${FOUND_TOOL:-ip}
  find_tool ipvsadm
  np_ipvsadm=${FOUND_TOOL:-ipvsadm}
  now_cs
  np_epoch=$(date +%s 2>/dev/null)
  printf '==FULCRUM-FRAME seq=1 uptime=%s epoch=%s==\n' "$UPTIME" "${np_epoch:-0}"
  section keepalived keepalived_state
  section ip-addr "$np_ip" -o addr show
  section keepalived-config keepalived_config "$np_config"
  section ipvsadm-save root_run "$np_ipvsadm" -Sn
  section ipvs-sync-daemon root_run "$np_ipvsadm" -L --daemon
  section keepalived-data keepalived_data
  section keepalived-control keepalived_control "$np_unit"
  printf '==END seq=1==\n'
}

# The program arrives on stdin: nothing it runs may read from there.
node_probe "$@" </dev/null
