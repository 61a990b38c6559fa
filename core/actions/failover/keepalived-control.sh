# shellcheck shell=sh
# How this node runs keepalived, for the failover's last-resort method (stop it on the master, start
# it again on rollback): read by keepalived-control.ts. Needs tools.sh and keepalived-dump.sh
# (keepalived_pid: KPID and KD_PIDFILE) with keepalived_init run. Prints `key=value` lines:
#
#   method=systemd unit=UNIT        systemd is PID 1 and UNIT is active
#   method=openrc                   rc-service keepalived status succeeds
#   method=runit                    sv status keepalived says run:
#   method=service | init-script    /etc/init.d/keepalived manages the running daemon (its pid file
#                                   is the init script's /run or /var/run keepalived.pid); through
#                                   service(8) when there is one
#   method=pidfile pidfile= pid= exe= arg=... [tmpdir=]
#                                   a bare daemon: a pid file names a running keepalived; its
#                                   executable, command line (one arg= a line) and TMPDIR, to start
#                                   it again the same way
#   method=none                     none of these (status 1)
#
# Only what is found running counts: an init script the package ships on a systemd host, or a unit
# that is not active, says nothing about this daemon.

keepalived_control() {
  kc_unit=$1
  if [ -d /run/systemd/system ]; then
    find_tool systemctl
    if [ -n "$FOUND_TOOL" ] && "$FOUND_TOOL" is-active --quiet "$kc_unit" </dev/null 2>/dev/null; then
      printf 'method=systemd\nunit=%s\n' "$kc_unit"
      return 0
    fi
  fi
  find_tool rc-service
  if [ -n "$FOUND_TOOL" ] && "$FOUND_TOOL" keepalived status </dev/null >/dev/null 2>&1; then
    echo 'method=openrc'
    return 0
  fi
  find_tool sv
  if [ -n "$FOUND_TOOL" ]; then
    kc_sv=$("$FOUND_TOOL" status keepalived </dev/null 2>/dev/null)
    case $kc_sv in
      run:*)
        echo 'method=runit'
        return 0
        ;;
    esac
  fi
  [ -n "$KPID" ] || {
    echo 'method=none'
    return 1
  }
  case $KD_PIDFILE in
    /run/keepalived.pid | /var/run/keepalived.pid)
      if [ -x /etc/init.d/keepalived ]; then
        find_tool service
        if [ -n "$FOUND_TOOL" ]; then echo 'method=service'; else echo 'method=init-script'; fi
        return 0
      fi
      ;;
  esac
  printf 'method=pidfile\npidfile=%s\npid=%s\n' "$KD_PIDFILE" "$KPID"
  kc_exe=$(readlink "/proc/$KPID/exe" 2>/dev/null)
  printf 'exe=%s\n' "$kc_exe"
  # One argument a line; the reader refuses the command line if an argument held a newline.
  if [ -r "/proc/$KPID/cmdline" ]; then tr '\000' '\n' < "/proc/$KPID/cmdline" | sed 's/^/arg=/'; fi
  if [ -r "/proc/$KPID/environ" ]; then
    tr '\000' '\n' < "/proc/$KPID/environ" | sed -n 's/^TMPDIR=/tmpdir=/p'
  fi
  return 0
}
