/**
 * The fixed part of the remote sampling program (POSIX sh: dash, bash, busybox ash). The settings
 * block that remote-script.ts writes in front of it defines IV, KA, MAX, TO, HSOCK, HCFG, NGINX_URL,
 * KPIDFILES and the W_<section>=1 switches. The frame format is specified in remote-script.ts.
 *
 * Shell habits here, and why:
 * - Tools are looked up once by walking $PATH (find_tool) and then called by full path: busybox ash
 *   prefers its own applets to PATH, and busybox's `ip` or `nc` is not the tool the host has.
 * - No `local` (not POSIX), no `pipefail` (not in dash): each function uses prefixed globals.
 * - Nothing forks per frame beyond the commands themselves and one `date`.
 * - The uptime (centiseconds, from /proc/uptime) schedules the frames on a fixed grid, so a slow
 *   frame shortens the next sleep instead of shifting every later frame.
 */

/**
 * Template tag that keeps the text as written: backslashes stay (printf wants `\n` literally) and
 * `\${` becomes `${`, so shell parameter expansions can be written without JS interpolating them.
 */
function shellText(strings: TemplateStringsArray): string {
  return strings.raw.join("").replaceAll("\\${", "${");
}

export const REMOTE_SCRIPT_BODY = shellText`
PATH="\${PATH:-/usr/bin:/bin}:/usr/local/sbin:/usr/sbin:/sbin"
LC_ALL=C
export PATH LC_ALL
# The status URL is on loopback: a proxy from the environment must not see it.
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY
nl='
'

# find_tool NAME: sets ft_found to the first executable NAME in $PATH (empty when none).
find_tool() {
  ft_found=
  ft_ifs=$IFS
  IFS=:
  set -f
  for ft_dir in $PATH; do
    if [ -n "$ft_dir" ] && [ -f "$ft_dir/$1" ] && [ -x "$ft_dir/$1" ]; then
      ft_found=$ft_dir/$1
      break
    fi
  done
  set +f
  IFS=$ft_ifs
}

# one_line TEXT: sets ol to TEXT's non-empty lines joined by " | " (a capability value is one line).
one_line() {
  ol=
  ol_ifs=$IFS
  IFS=$nl
  set -f
  for ol_line in $1; do
    if [ -n "$ol_line" ]; then ol="\${ol:+$ol | }$ol_line"; fi
  done
  set +f
  IFS=$ol_ifs
}

cap() {
  one_line "$2"
  printf '%s=%s\n' "$1" "$ol"
}

# now_cs: sets NOW_CS (uptime in centiseconds) and UPTIME (as the kernel printed it).
now_cs() {
  NOW_CS=0
  UPTIME=0.00
  { read -r nc_up nc_idle < /proc/uptime; } 2>/dev/null || return 0
  case $nc_up in
    *[!0-9.]* | '') return 0 ;;
    *.[0-9][0-9]) ;;
    *) return 0 ;;
  esac
  UPTIME=$nc_up
  nc_digits=\${nc_up%.*}\${nc_up#*.}
  nc_digits=\${nc_digits#"\${nc_digits%%[!0]*}"}
  NOW_CS=\${nc_digits:-0}
}

sleep_cs() {
  if [ "$1" -le 0 ]; then return 0; fi
  if [ "$FRAC_SLEEP" = 1 ]; then
    sl_frac=$(($1 % 100))
    if [ "$sl_frac" -lt 10 ]; then sl_frac=0$sl_frac; fi
    sleep "$(($1 / 100)).$sl_frac"
  else
    sleep $((($1 + 99) / 100))
  fi
}

# bounded CMD...: CMD under \`timeout\` when the host has it, so a stuck socket cannot stall the loop.
bounded() {
  if [ -n "$TIMEOUT" ]; then "$TIMEOUT" "$TO" "$@"; else "$@"; fi
}

# section NAME CMD...: CMD's stdout and stderr between markers, then its exit status. The newline
# before the trailer lets the reader recover the output exactly, final newline or not.
section() {
  printf '==SECTION %s==\n' "$1"
  sc_name=$1
  shift
  "$@" 2>&1
  sc_rc=$?
  printf '\n==SECTION-END %s rc=%d==\n' "$sc_name" "$sc_rc"
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
    printf '%s %s\n' "\${ns_dir##*/}" "$ns_speed"
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

keepalived_pid() {
  KPID=
  for kp_file in $KPIDFILES; do
    if { read -r kp_value < "$kp_file"; } 2>/dev/null; then
      case $kp_value in
        '' | *[!0-9]*) ;;
        *) if [ -d "/proc/$kp_value" ]; then KPID=$kp_value; return 0; fi ;;
      esac
    fi
  done
}

keepalived_state() {
  printf 'pid=%s\n' "$KPID"
  [ -n "$KPID" ]
}

# The DATA dump carries the VRRP password in clear ("Password = ...", auth_pass, auth_data): it is
# redacted here, on the host, before a byte of it is printed. "KEY = value" lines of the known secret
# keys keep their key; "Authentication type = SIMPLE_PASSWORD" (an enum, no secret) is kept; any
# other line naming password/auth_pass/auth_data/auth key is replaced whole, indentation kept.
redact_secrets() {
  sed -e '/^[[:space:]]*Authentication type = [A-Z_]*[[:space:]]*$/b' \
    -e 's/^\([[:space:]]*[Pp]assword[[:space:]]*[=:]\).*$/\1 <redacted>/' -e 't' \
    -e 's/^\([[:space:]]*Authentication data[[:space:]]*[=:]\).*$/\1 <redacted>/' -e 't' \
    -e 's/^\([[:space:]]*Auth key[[:space:]]*[=:]\).*$/\1 <redacted>/' -e 't' \
    -e 's/^\([[:space:]]*\).*[Pp][Aa][Ss][Ss][Ww][Oo][Rr][Dd].*$/\1<redacted>/' \
    -e 's/^\([[:space:]]*\).*[Aa][Uu][Tt][Hh][_ ]*[Pp][Aa][Ss][Ss].*$/\1<redacted>/' \
    -e 's/^\([[:space:]]*\).*[Aa][Uu][Tt][Hh][_ ]*[Dd][Aa][Tt][Aa].*$/\1<redacted>/' \
    -e 's/^\([[:space:]]*\).*[Aa][Uu][Tt][Hh][_ ]*[Kk][Ee][Yy].*$/\1<redacted>/' "$1"
}

keepalived_data() {
  if [ -z "$KPID" ]; then
    echo 'keepalived is not running'
    return 3
  fi
  if [ "$ROOT" != 1 ]; then
    echo 'the keepalived DATA dump needs root'
    return 77
  fi
  kd_tmp=/tmp
  if [ -r "/proc/$KPID/environ" ]; then
    kd_env=$(tr '\000' '\n' < "/proc/$KPID/environ" | sed -n 's/^TMPDIR=//p')
    case $kd_env in /*) kd_tmp=\${kd_env%/} ;; esac
  fi
  if [ "$KD_NO_VRRP" = "$KPID" ]; then
    echo 'keepalived runs no VRRP process (checker only): no VRRP state to dump'
    return 3
  fi
  # Through /proc/PID/root, so a PrivateTmp or chrooted keepalived is read where it wrote.
  kd_file=/proc/$KPID/root$kd_tmp/keepalived.data
  # keepalived 2.x's parent writes its own dump on the same signal: when that arrives and the VRRP
  # one does not follow, there is no VRRP process (a checker-only keepalived, -C), and waiting out
  # the 3 s on every keepalived frame would stall the loop. Remembered per keepalived pid.
  kd_parent=/proc/$KPID/root$kd_tmp/keepalived_parent.data
  # The dump is written asynchronously: remove the old one, signal, wait for a new one of stable size.
  rm -f "$kd_file" "$kd_parent"
  kill -"$KSIGNAL" "$KPID" || return 1
  kd_last=
  kd_tries=0
  kd_parent_seen=0
  kd_max_tries=30
  kd_grace=5
  if [ "$FRAC_SLEEP" != 1 ]; then kd_max_tries=3; kd_grace=1; fi
  while :; do
    if [ -s "$kd_file" ]; then
      kd_size=$(wc -c < "$kd_file")
      if [ "$kd_size" = "$kd_last" ]; then break; fi
      kd_last=$kd_size
    elif [ -s "$kd_parent" ]; then
      kd_parent_seen=$((kd_parent_seen + 1))
      if [ "$kd_parent_seen" -gt "$kd_grace" ]; then
        KD_NO_VRRP=$KPID
        echo 'keepalived runs no VRRP process (checker only): no VRRP state to dump'
        return 3
      fi
    fi
    kd_tries=$((kd_tries + 1))
    if [ "$kd_tries" -gt "$kd_max_tries" ]; then
      printf 'no DATA dump in %s within 3 s\n' "$kd_file"
      return 124
    fi
    sleep_cs 10
  done
  redact_secrets "$kd_file"
}

# ---- capabilities: probed once, printed as one frame ----
USER_ID=$(id -u 2>/dev/null)
USER_NAME=$(id -un 2>/dev/null)
if [ "$USER_ID" = 0 ]; then ROOT=1; else ROOT=0; fi
FRAC_SLEEP=0
if sleep 0.01 2>/dev/null; then FRAC_SLEEP=1; fi
find_tool timeout; TIMEOUT=$ft_found
find_tool socat; SOCAT=$ft_found
NC_UNIX=
if [ -z "$SOCAT" ]; then
  find_tool nc
  if [ -n "$ft_found" ]; then
    case $("$ft_found" -h 2>&1) in *'-U'*) NC_UNIX=$ft_found ;; esac
  fi
fi
find_tool curl; CURL=$ft_found
WGET=
if [ -z "$CURL" ]; then find_tool wget; WGET=$ft_found; fi
find_tool ip; IP_TOOL=\${ft_found:-ip}
find_tool ipvsadm
IPVSADM_PATH=$ft_found
IPVSADM=\${ft_found:-ipvsadm}
IPVSADM_VERSION=
IPVSADM_OK=0
IPVSADM_ERROR=
if [ -n "$IPVSADM_PATH" ]; then
  # stdout only: on a kernel without IPVS, modprobe's complaint goes to stderr.
  IPVSADM_VERSION=$("$IPVSADM" --version 2>/dev/null)
  if IPVSADM_ERROR=$("$IPVSADM" -Ln 2>&1 >/dev/null); then IPVSADM_OK=1; IPVSADM_ERROR=; fi
fi
IP_VS_PROC=0
if [ -r /proc/net/ip_vs ]; then IP_VS_PROC=1; fi
# ipvsadm needs CAP_NET_ADMIN; /proc/net/ip_vs is world-readable and carries weights and connections.
if [ "$IPVSADM_OK" != 1 ] && [ "$IP_VS_PROC" = 1 ]; then
  if [ "$W_ipvsadm" = 1 ] || [ "$W_ipvsadm_stats" = 1 ]; then W_ip_vs_proc=1; fi
  W_ipvsadm=0
  W_ipvsadm_stats=0
fi
SUDO=not-needed
if [ "$ROOT" != 1 ]; then
  find_tool sudo
  if [ -z "$ft_found" ]; then
    SUDO=missing
  elif "$ft_found" -n true </dev/null >/dev/null 2>&1; then
    SUDO=yes
  else
    SUDO=no
  fi
fi
HSOCK_SOURCE=option
if [ -z "$HSOCK" ]; then
  HSOCK_SOURCE=none
  if [ -r "$HCFG" ]; then
    while read -r hc_1 hc_2 hc_3 hc_rest; do
      if [ "$hc_1" = stats ] && [ "$hc_2" = socket ]; then
        hc_3=\${hc_3#unix@}
        case $hc_3 in /*) HSOCK=$hc_3; HSOCK_SOURCE=config; break ;; esac
      fi
    done < "$HCFG"
  fi
fi
HSOCK_OK=0
if [ -n "$HSOCK" ] && [ -S "$HSOCK" ]; then HSOCK_OK=1; fi
# No socket named and none in haproxy.cfg: this host runs no HAProxy, which is not a failure.
if [ "$HSOCK_SOURCE" = none ]; then W_haproxy_stat=0; W_haproxy_servers_state=0; fi
keepalived_pid
KSIGNAL=USR1
# Set to a keepalived pid found to run no VRRP process (keepalived_data).
KD_NO_VRRP=
find_tool keepalived
if [ -n "$ft_found" ]; then
  ks_number=$("$ft_found" --signum=DATA 2>/dev/null)
  case $ks_number in '' | *[!0-9]*) ;; *) KSIGNAL=$ks_number ;; esac
fi
SECTIONS=
for sn in ipvsadm ipvsadm_stats ip_vs_proc netdev net_speed haproxy_stat haproxy_servers_state nginx_status ip_addr keepalived; do
  eval "sn_on=\$W_$sn"
  if [ "$sn_on" = 1 ]; then SECTIONS="$SECTIONS $sn"; fi
done

now_cs
printf '==FULCRUM-CAPS version=1 uptime=%s==\n' "$UPTIME"
cap uid "$USER_ID"
cap user "$USER_NAME"
cap root "$ROOT"
cap sudo "$SUDO"
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
cap sections "\${SECTIONS# }"
if [ "$ROOT" != 1 ] && [ "$SUDO" != yes ] && [ "$IPVSADM_OK" != 1 ] && [ -n "$IPVSADM_PATH" ]; then
  cap sudoers-hint "\${USER_NAME:-USER} ALL=(root) NOPASSWD: /bin/sh"
fi
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
  printf '==FULCRUM-FRAME seq=%d uptime=%s epoch=%s==\n' "$SEQ" "$UPTIME" "\${EPOCH:-0}" || exit 141
  if [ "$W_ipvsadm" = 1 ]; then section ipvsadm "$IPVSADM" -Ln --exact; fi
  if [ "$W_ipvsadm_stats" = 1 ]; then section ipvsadm-stats "$IPVSADM" -Ln --stats --exact; fi
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
`;
