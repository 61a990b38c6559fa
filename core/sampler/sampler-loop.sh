# shellcheck shell=sh
# The sampling loop (POSIX sh: dash, bash, busybox ash). core/sampler/remote-script.ts sends a
# settings block (IV, KA, MAX, TO, HSOCK, HCFG, NGINX_URL, KPIDFILES, KTMP and the W_<section>=1
# switches), then core/shell/tools.sh, privilege.sh, frame-sections.sh and keepalived-dump.sh,
# then this. The frame
# format is specified in remote-script.ts.
#
# - Nothing forks per frame beyond the commands themselves and one `date`.
# - The uptime (centiseconds, from /proc/uptime) schedules the frames on a fixed grid, so a slow
#   frame shortens the next sleep instead of shifting every later frame.
# The settings block defines every switch; one it does not name is off.
: "${W_ipvsadm:=0}" "${W_ipvsadm_stats:=0}" "${W_ip_vs_proc:=0}" "${W_netdev:=0}" "${W_net_speed:=0}"
: "${W_haproxy_stat:=0}" "${W_haproxy_servers_state:=0}" "${W_nginx_status:=0}" "${W_ip_addr:=0}"
: "${W_keepalived:=0}"

# The status URL is on loopback: a proxy from the environment must not see it.
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY
nl='
'

# one_line TEXT: sets ol to TEXT's non-empty lines joined by " | " (a capability value is one line).
one_line() {
  ol=
  ol_ifs=$IFS
  IFS=$nl
  set -f
  for ol_line in $1; do
    if [ -n "$ol_line" ]; then ol="${ol:+$ol | }$ol_line"; fi
  done
  set +f
  IFS=$ol_ifs
}

cap() {
  one_line "$2"
  printf '%s=%s\n' "$1" "$ol"
}

# bounded CMD...: CMD under `timeout` when the host has it, so a stuck socket cannot stall the loop.
bounded() {
  if [ -n "$TIMEOUT" ]; then "$TIMEOUT" "$TO" "$@"; else "$@"; fi
}

# ipvsadm_read HOW ARGS...: ipvsadm ARGS, under `sudo -n` when HOW is sudo (read_grant).
ipvsadm_read() {
  ir_how=$1
  shift
  if [ "$ir_how" = sudo ]; then "$SUDO_TOOL" -n "$IPVSADM" "$@" </dev/null; else "$IPVSADM" "$@"; fi
}

# read_grant NAME CMD...: READ_HOW=sudo when sudoers grants this login exactly CMD (NAME then
# joins SUDO_READS, the sudo-reads capability); else READ_HOW=none and CMD joins MISSING, the
# commands the sudoers-hint asks for.
read_grant() {
  rg_name=$1
  shift
  if sudo_permits "$@"; then
    READ_HOW=sudo
    SUDO_READS="${SUDO_READS:+$SUDO_READS }$rg_name"
  else
    READ_HOW=none
    sudoers_command "$@"
    MISSING="${MISSING:+$MISSING, }$SUDOERS_COMMAND"
  fi
}

net_speed() {
  for ns_dir in /sys/class/net/*; do
    [ -e "$ns_dir" ] || continue
    ns_speed=-1
    # Virtual links answer EINVAL to a read of speed: that is -1, not an error.
    if { read -r ns_value < "$ns_dir/speed"; } 2>/dev/null; then
      case $ns_value in
        '' | *[!0-9-]*) ;;
        *) ns_speed=$ns_value ;;
      esac
    fi
    printf '%s %s\n' "${ns_dir##*/}" "$ns_speed"
  done
}

haproxy_command() {
  if [ -z "$HSOCK" ]; then
    printf 'no HAProxy stats socket given and none found in %s\n' "$HCFG"
    return 2
  fi
  if [ ! -S "$HSOCK" ]; then
    printf '%s is not a socket\n' "$HSOCK"
    return 2
  fi
  if [ -n "$SOCAT" ]; then
    printf '%s\n' "$1" | bounded "$SOCAT" -t "$TO" stdio "UNIX-CONNECT:$HSOCK"
  elif [ -n "$NC_UNIX" ]; then
    printf '%s\n' "$1" | bounded "$NC_UNIX" -U "$HSOCK"
  else
    echo 'neither socat nor nc with -U is installed'
    return 127
  fi
}

nginx_status() {
  if [ -n "$CURL" ]; then
    bounded "$CURL" -q -sS -f -m "$TO" "$NGINX_URL"
  elif [ -n "$WGET" ]; then
    bounded "$WGET" -q -O - "$NGINX_URL"
  else
    echo 'neither curl nor wget is installed'
    return 127
  fi
}

# ---- capabilities: probed once, printed as one frame ----
host_init
sleep_init
# Reads that run under sudo (names), and commands a grant would need (the sudoers-hint).
SUDO_READS=
MISSING=
find_tool timeout; TIMEOUT=$FOUND_TOOL
find_tool socat; SOCAT=$FOUND_TOOL
NC_UNIX=
if [ -z "$SOCAT" ]; then
  find_tool nc
  if [ -n "$FOUND_TOOL" ]; then
    case $("$FOUND_TOOL" -h 2>&1) in *'-U'*) NC_UNIX=$FOUND_TOOL ;; esac
  fi
fi
find_tool curl; CURL=$FOUND_TOOL
WGET=
if [ -z "$CURL" ]; then find_tool wget; WGET=$FOUND_TOOL; fi
find_tool ip; IP_TOOL=${FOUND_TOOL:-ip}
find_tool ipvsadm
IPVSADM_PATH=$FOUND_TOOL
IPVSADM=${FOUND_TOOL:-ipvsadm}
IPVSADM_VERSION=
IPVSADM_OK=0
IPVSADM_ERROR=
# How each listing runs: direct, or under `sudo -n` where sudoers grants exactly that command.
IPVSADM_LIST=direct
IPVSADM_STATS=direct
if [ -n "$IPVSADM_PATH" ]; then
  # stdout only: on a kernel without IPVS, modprobe's complaint goes to stderr.
  IPVSADM_VERSION=$("$IPVSADM" --version 2>/dev/null)
  if IPVSADM_ERROR=$("$IPVSADM" -Ln 2>&1 >/dev/null); then
    IPVSADM_OK=1
    IPVSADM_ERROR=
  elif [ "$ROOT" != 1 ]; then
    # ipvsadm needs CAP_NET_ADMIN: a login that is not root reads through the grant of exactly
    # these listings (README "Privileges"), checked once here, never per frame.
    IPVSADM_LIST=none
    IPVSADM_STATS=none
    if [ "$W_ipvsadm" = 1 ]; then read_grant ipvsadm "$IPVSADM" -Ln --exact; IPVSADM_LIST=$READ_HOW; fi
    if [ "$W_ipvsadm_stats" = 1 ]; then
      read_grant ipvsadm-stats "$IPVSADM" -Ln --stats --exact
      IPVSADM_STATS=$READ_HOW
    fi
    # A grant is not a working ipvsadm (a kernel without IPVS): run the granted listing once.
    if [ "$IPVSADM_LIST" = sudo ] && IPVSADM_ERROR=$(ipvsadm_read sudo -Ln --exact 2>&1 >/dev/null); then
      IPVSADM_OK=1
      IPVSADM_ERROR=
    fi
    # Counters that cannot be read are left out, not printed as a failure every frame.
    if [ "$IPVSADM_OK" = 1 ] && [ "$IPVSADM_STATS" = none ]; then W_ipvsadm_stats=0; fi
  fi
fi
IP_VS_PROC=0
if [ -r /proc/net/ip_vs ]; then IP_VS_PROC=1; fi
# /proc/net/ip_vs is world-readable and carries weights and connections (no counters).
if [ "$IPVSADM_OK" != 1 ] && [ "$IP_VS_PROC" = 1 ]; then
  if [ "$W_ipvsadm" = 1 ] || [ "$W_ipvsadm_stats" = 1 ]; then W_ip_vs_proc=1; fi
  W_ipvsadm=0
  W_ipvsadm_stats=0
fi
HSOCK_SOURCE=option
if [ -z "$HSOCK" ]; then
  HSOCK_SOURCE=none
  if [ -r "$HCFG" ]; then
    while read -r hc_1 hc_2 hc_3 _; do
      if [ "$hc_1" = stats ] && [ "$hc_2" = socket ]; then
        hc_3=${hc_3#unix@}
        case $hc_3 in /*) HSOCK=$hc_3; HSOCK_SOURCE=config; break ;; esac
      fi
    done < "$HCFG"
  fi
fi
HSOCK_OK=0
if [ -n "$HSOCK" ] && [ -S "$HSOCK" ]; then HSOCK_OK=1; fi
# No socket named and none in haproxy.cfg: this host runs no HAProxy, which is not a failure.
if [ "$HSOCK_SOURCE" = none ]; then W_haproxy_stat=0; W_haproxy_servers_state=0; fi
keepalived_init "$W_keepalived"
if [ "$W_keepalived" = 1 ] && [ "$KD_HOW" = sudo ]; then SUDO_READS="${SUDO_READS:+$SUDO_READS }keepalived-data"; fi
if [ "$W_keepalived" = 1 ] && [ -n "$KD_GRANT" ]; then MISSING="${MISSING:+$MISSING, }$KD_GRANT"; fi
if [ "$ROOT" = 1 ]; then
  SUDO=not-needed
elif [ -n "$SUDO_READS" ]; then
  SUDO=reads
elif [ -n "$SUDO_TOOL" ]; then
  SUDO=no
else
  SUDO=missing
fi
SECTIONS=
for sn in ipvsadm ipvsadm_stats ip_vs_proc netdev net_speed haproxy_stat haproxy_servers_state nginx_status ip_addr keepalived; do
  sn_on=
  eval "sn_on=\$W_$sn"
  if [ "$sn_on" = 1 ]; then SECTIONS="$SECTIONS $sn"; fi
done

now_cs
printf '==FULCRUM-CAPS version=1 uptime=%s==\n' "$UPTIME"
cap uid "$USER_ID"
cap user "$USER_NAME"
cap root "$ROOT"
cap sudo "$SUDO"
cap sudo-reads "$SUDO_READS"
cap ipvsadm "$IPVSADM_PATH"
cap ipvsadm-version "$IPVSADM_VERSION"
cap ipvsadm-permitted "$IPVSADM_OK"
cap ipvsadm-error "$IPVSADM_ERROR"
cap ip-vs-proc "$IP_VS_PROC"
cap haproxy-socket "$HSOCK"
cap haproxy-socket-source "$HSOCK_SOURCE"
cap haproxy-socket-found "$HSOCK_OK"
if [ -n "$SOCAT" ]; then cap socket-client socat; elif [ -n "$NC_UNIX" ]; then cap socket-client nc; else cap socket-client none; fi
if [ -n "$CURL" ]; then cap http-client curl; elif [ -n "$WGET" ]; then cap http-client wget; else cap http-client none; fi
cap timeout "$TIMEOUT"
cap fractional-sleep "$FRAC_SLEEP"
cap keepalived-pid "$KPID"
cap keepalived-signal "$KSIGNAL"
cap sections "${SECTIONS# }"
# The least-privilege grant of exactly the reads this login lacks (README "Privileges").
if [ -n "$MISSING" ]; then cap sudoers-hint "${USER_NAME:-USER} ALL=(root) NOPASSWD: $MISSING"; fi
printf '==END caps==\n'

# ---- the loop: one frame per interval, on a fixed grid ----
SEQ=0
now_cs
DUE=$NOW_CS
KA_DUE=$NOW_CS
while :; do
  SEQ=$((SEQ + 1))
  now_cs
  EPOCH=$(date +%s 2>/dev/null)
  # A closed channel ends the loop: by SIGPIPE normally, by this check where SIGPIPE was ignored
  # when the shell started (a non-interactive shell cannot un-ignore it).
  printf '==FULCRUM-FRAME seq=%d uptime=%s epoch=%s==\n' "$SEQ" "$UPTIME" "${EPOCH:-0}" || exit 141
  if [ "$W_ipvsadm" = 1 ]; then section ipvsadm ipvsadm_read "$IPVSADM_LIST" -Ln --exact; fi
  if [ "$W_ipvsadm_stats" = 1 ]; then section ipvsadm-stats ipvsadm_read "$IPVSADM_STATS" -Ln --stats --exact; fi
  if [ "$W_ip_vs_proc" = 1 ]; then section ip-vs-proc cat /proc/net/ip_vs; fi
  if [ "$W_netdev" = 1 ]; then section netdev cat /proc/net/dev; fi
  if [ "$W_net_speed" = 1 ]; then section net-speed net_speed; fi
  if [ "$W_haproxy_stat" = 1 ]; then section haproxy-stat haproxy_command 'show stat'; fi
  if [ "$W_haproxy_servers_state" = 1 ]; then section haproxy-servers-state haproxy_command 'show servers state'; fi
  if [ "$W_nginx_status" = 1 ]; then section nginx-status nginx_status; fi
  if [ "$W_ip_addr" = 1 ]; then section ip-addr "$IP_TOOL" -o addr show; fi
  if [ "$W_keepalived" = 1 ] && [ "$NOW_CS" -ge "$KA_DUE" ]; then
    KA_DUE=$((NOW_CS + KA * 100))
    keepalived_pid
    section keepalived keepalived_state
    section keepalived-data keepalived_data
  fi
  printf '==END seq=%d==\n' "$SEQ" || exit 141
  if [ "$MAX" -gt 0 ] && [ "$SEQ" -ge "$MAX" ]; then break; fi
  now_cs
  DUE=$((DUE + IV * 100))
  # A frame that overran its slot skips the slots it missed rather than bursting to catch up.
  while [ "$DUE" -le "$NOW_CS" ]; do DUE=$((DUE + IV * 100)); done
  if [ "$NOW_CS" = 0 ]; then sleep "$IV"; else sleep_cs $((DUE - NOW_CS)); fi
done
