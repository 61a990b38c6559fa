# shellcheck shell=sh
# The frame format's side on the host (specified in core/sampler/remote-script.ts): the host's
# monotonic clock for frame headers, sleeps on it, and section markers. Needs tools.sh.

# now_cs: sets NOW_CS (uptime in centiseconds) and UPTIME (as the kernel printed it), for the program.
# shellcheck disable=SC2034
now_cs() {
  NOW_CS=0
  UPTIME=0.00
  { read -r nc_up _ < /proc/uptime; } 2>/dev/null || return 0
  case $nc_up in
    *[!0-9.]* | '') return 0 ;;
    *.[0-9][0-9]) ;;
    *) return 0 ;;
  esac
  UPTIME=$nc_up
  nc_digits=${nc_up%.*}${nc_up#*.}
  nc_digits=${nc_digits#"${nc_digits%%[!0]*}"}
  NOW_CS=${nc_digits:-0}
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

# sleep_init: FRAC_SLEEP=1 when `sleep` takes fractions (not on a busybox built without them).
# A program that never sleeps skips it: the check itself sleeps 10 ms.
sleep_init() {
  FRAC_SLEEP=0
  if sleep 0.01 2>/dev/null; then FRAC_SLEEP=1; fi
}
