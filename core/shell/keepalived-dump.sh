# shellcheck shell=sh
# keepalived on this host: its pid, and its DATA dump redacted here, on the host, before a byte of it
# is printed (formats.md §4.2). The one keepalived probe: the sampling loop and the failover node
# probe both send this text, and core/sampler/keepalived-sections.ts reads what it prints.
#
# Needs from the program: tools.sh, privilege.sh and frame-sections.sh, with host_init and
# sleep_init run;
# KPIDFILES (pid files, first with a running pid wins; word-split: the TypeScript side allows no
# whitespace in paths) and KTMP (keepalived's TMPDIR when it cannot be read from the daemon itself).
#
# How the dump is reached (KD_HOW, set by keepalived_init):
#   root  this program runs as root: keepalived's TMPDIR is read from /proc/PID/environ and the
#         file through /proc/PID/root, so a PrivateTmp or chrooted keepalived is read where it wrote.
#   sudo  not root, but sudoers grants exactly the two commands below (the least-privilege read
#         line, README "Privileges"): `pkill -SIG -x -F PIDFILE keepalived` to ask for the dump
#         (only a process named keepalived whose pid is in that file) and `cat FILE` to read it,
#         FILE being $KTMP/keepalived.data. The login then sees the dump (password
#         included) on the host; what leaves the host is redacted all the same.
#   none  neither: the dump section says what is missing.

# keepalived_pid: KPID (empty when no pid file names a running keepalived) and KD_PIDFILE, its file.
# The process must be called keepalived: a stale pid file's number may belong to another process
# by now, and the DATA signal (SIGUSR1) would end most programs.
keepalived_pid() {
  KPID=
  for kp_file in $KPIDFILES; do
    if { read -r kp_value < "$kp_file"; } 2>/dev/null; then
      case $kp_value in
        '' | *[!0-9]*) ;;
        *)
          kp_name=
          { read -r kp_name < "/proc/$kp_value/comm"; } 2>/dev/null
          if [ "$kp_name" = keepalived ]; then KPID=$kp_value; KD_PIDFILE=$kp_file; return 0; fi
          ;;
      esac
    fi
  done
}

# "pid=N", status 0 when keepalived runs; "pid=", status 1 when it does not.
keepalived_state() {
  printf 'pid=%s\n' "$KPID"
  [ -n "$KPID" ]
}

# keepalived_init [WANTED]: the DATA signal, the pid, and how the dump can be read (KD_HOW; WANTED=0
# skips asking sudo, for a program that will not read the dump). Signal numbers other than
# STOP/RELOAD/DATA/STATS "may change" (formats.md §4.2): keepalived is asked.
keepalived_init() {
  KSIGNAL=USR1
  # Set to a keepalived pid found to run no VRRP process (keepalived_data).
  KD_NO_VRRP=
  KD_PIDFILE=
  find_tool keepalived
  if [ -n "$FOUND_TOOL" ]; then
    ks_number=$("$FOUND_TOOL" --signum=DATA 2>/dev/null </dev/null)
    case $ks_number in '' | *[!0-9]*) ;; *) KSIGNAL=$ks_number ;; esac
  fi
  find_tool stat; KD_STAT=$FOUND_TOOL
  keepalived_pid
  KD_HOW=none
  KD_GRANT=
  if [ "$ROOT" = 1 ]; then
    KD_HOW=root
  elif [ -n "$KD_PIDFILE" ] && [ "${1:-1}" = 1 ]; then
    find_tool pkill; kd_pkill=$FOUND_TOOL
    find_tool cat; kd_cat=$FOUND_TOOL
    if [ -n "$kd_pkill" ] && [ -n "$kd_cat" ] && [ -n "$KD_STAT" ]; then
      if sudo_permits "$kd_pkill" "-$KSIGNAL" -x -F "$KD_PIDFILE" keepalived &&
        sudo_permits "$kd_cat" "$KTMP/keepalived.data"; then
        KD_HOW=sudo
      else
        sudoers_command "$kd_pkill" "-$KSIGNAL" -x -F "$KD_PIDFILE" keepalived
        KD_GRANT=$SUDOERS_COMMAND
        sudoers_command "$kd_cat" "$KTMP/keepalived.data"
        KD_GRANT="$KD_GRANT, $SUDOERS_COMMAND"
      fi
    fi
  fi
}

# kd_stamp FILE: "SIZE MTIME" of FILE, empty when it does not exist. Without stat (root only) the
# size alone, by reading the file.
kd_stamp() {
  if [ -n "$KD_STAT" ]; then
    "$KD_STAT" -c '%s %y' "$1" 2>/dev/null
  elif [ -e "$1" ]; then
    wc -c < "$1"
  fi
}

# The DATA dump carries the VRRP password in clear ("Password = ...", auth_pass, auth_data): it is
# redacted before it is printed. "KEY = value" lines of the known secret keys keep their key;
# "Authentication type = SIMPLE_PASSWORD" (an enum, no secret) is kept; any other line naming
# password/auth_pass/auth_data/auth key is replaced whole, indentation kept. Reads stdin.
redact_secrets() {
  sed -e '/^[[:space:]]*Authentication type = [A-Z_]*[[:space:]]*$/b' \
    -e 's/^\([[:space:]]*[Pp]assword[[:space:]]*[=:]\).*$/\1 <redacted>/' -e 't' \
    -e 's/^\([[:space:]]*Authentication data[[:space:]]*[=:]\).*$/\1 <redacted>/' -e 't' \
    -e 's/^\([[:space:]]*Auth key[[:space:]]*[=:]\).*$/\1 <redacted>/' -e 't' \
    -e 's/^\([[:space:]]*\).*[Pp][Aa][Ss][Ss][Ww][Oo][Rr][Dd].*$/\1<redacted>/' \
    -e 's/^\([[:space:]]*\).*[Aa][Uu][Tt][Hh][_ ]*[Pp][Aa][Ss][Ss].*$/\1<redacted>/' \
    -e 's/^\([[:space:]]*\).*[Aa][Uu][Tt][Hh][_ ]*[Dd][Aa][Tt][Aa].*$/\1<redacted>/' \
    -e 's/^\([[:space:]]*\).*[Aa][Uu][Tt][Hh][_ ]*[Kk][Ee][Yy].*$/\1<redacted>/'
}

# keepalived.conf on stdin with the word after each `auth_pass` replaced (quoted or not, alone on
# its line or inside a one-line authentication block); everything else is kept, so it still parses.
redact_config() {
  sed -E 's/(auth_pass[[:space:]]+)("[^"]*"|[^[:space:]]+)/\1<redacted>/g'
}

# keepalived_config FILE: the config, read as root when this login can have it, printed redacted.
keepalived_config() {
  kc_text=$(root_run cat "$1") || return $?
  printf '%s\n' "$kc_text" | redact_config
}

# keepalived_data: signal keepalived, wait for a fresh dump of stable size, print it redacted.
# Status 3: keepalived is not running (or runs no VRRP); 77: no way to read the dump (KD_GRANT
# names the commands to grant, when known); 124: no dump appeared within 3 s.
keepalived_data() {
  if [ -z "$KPID" ]; then
    echo 'keepalived is not running'
    return 3
  fi
  if [ "$KD_NO_VRRP" = "$KPID" ]; then
    echo 'keepalived runs no VRRP process (checker only): no VRRP state to dump'
    return 3
  fi
  case $KD_HOW in
    root)
      kd_tmp=$KTMP
      if [ -r "/proc/$KPID/environ" ]; then
        kd_env=$(tr '\000' '\n' < "/proc/$KPID/environ" | sed -n 's/^TMPDIR=//p')
        case $kd_env in /*) kd_tmp=${kd_env%/} ;; esac
      fi
      kd_dir=/proc/$KPID/root$kd_tmp
      ;;
    sudo) kd_dir=$KTMP ;;
    *)
      if [ -n "$KD_GRANT" ]; then
        printf 'the keepalived DATA dump needs root, or sudo for exactly: %s\n' "$KD_GRANT"
      else
        echo 'the keepalived DATA dump needs root'
      fi
      return 77
      ;;
  esac
  kd_file=$kd_dir/keepalived.data
  # keepalived 2.x's parent writes its own dump on the same signal: when that arrives and the VRRP
  # one does not follow, there is no VRRP process (a checker-only keepalived, -C), and waiting out
  # the 3 s on every keepalived frame would stall the loop. Remembered per keepalived pid.
  kd_parent=$kd_dir/keepalived_parent.data
  # The dump is written asynchronously, after the signal: a dump is fresh when its stamp differs
  # from the one before the signal (root removes the old one instead, so any dump is fresh), and
  # complete when two reads 0.1 s apart agree.
  if [ "$KD_HOW" = root ]; then rm -f "$kd_file" "$kd_parent"; fi
  kd_before=$(kd_stamp "$kd_file")
  kd_parent_before=$(kd_stamp "$kd_parent")
  if [ "$KD_HOW" = root ]; then
    kill -"$KSIGNAL" "$KPID" || return 1
  else
    "$SUDO_TOOL" -n "$kd_pkill" -"$KSIGNAL" -x -F "$KD_PIDFILE" keepalived </dev/null || return 1
  fi
  kd_last=
  kd_tries=0
  kd_parent_seen=0
  kd_max_tries=30
  kd_grace=5
  if [ "$FRAC_SLEEP" != 1 ]; then kd_max_tries=3; kd_grace=1; fi
  while :; do
    kd_now=$(kd_stamp "$kd_file")
    if [ -n "$kd_now" ] && [ "${kd_now%% *}" != 0 ] && [ "$kd_now" != "$kd_before" ]; then
      if [ "$kd_now" = "$kd_last" ]; then break; fi
      kd_last=$kd_now
    else
      kd_parent_now=$(kd_stamp "$kd_parent")
      if [ -n "$kd_parent_now" ] && [ "$kd_parent_now" != "$kd_parent_before" ]; then
        kd_parent_seen=$((kd_parent_seen + 1))
        if [ "$kd_parent_seen" -gt "$kd_grace" ]; then
          KD_NO_VRRP=$KPID
          echo 'keepalived runs no VRRP process (checker only): no VRRP state to dump'
          return 3
        fi
      fi
    fi
    kd_tries=$((kd_tries + 1))
    if [ "$kd_tries" -gt "$kd_max_tries" ]; then
      printf 'no DATA dump in %s within 3 s\n' "$kd_file"
      return 124
    fi
    sleep_cs 10
  done
  if [ "$KD_HOW" = root ]; then
    kd_text=$(cat "$kd_file") || return 1
  else
    kd_text=$("$SUDO_TOOL" -n "$kd_cat" "$kd_file" </dev/null) || return 1
  fi
  printf '%s\n' "$kd_text" | redact_secrets
}
