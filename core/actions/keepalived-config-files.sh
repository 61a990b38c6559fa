# shellcheck shell=sh
# keepalived.conf and the files it includes, as the host has them (keepalived-config-read.ts asks
# for them one include level at a time). Sent on stdin after core/shell/tools.sh, privilege.sh,
# frame-sections.sh and keepalived-dump.sh:
#
#   sh -s -- PATTERN...
#
# Each PATTERN is a path or a glob(3) pattern, already resolved against the including file's
# directory. It is expanded by this shell's globbing only (IFS empty: never split; never
# evaluated). Prints one frame of the sampler's format: section `nodename` (uname -n: keepalived's
# default config id for `@ID` lines), section `paths` (every regular file matched, one a line,
# sorted as the shell sorts them), then `file-N` for the Nth path, read as root when this login can
# have it and redacted here (keepalived_config): no secret crosses SSH.

kc_paths() {
  kp_ifs=$IFS
  IFS=
  set +f
  for kp_pattern in "$@"; do
    # shellcheck disable=SC2086 # the pattern is globbed on purpose; IFS is empty, so never split
    for kp_path in $kp_pattern; do
      case $kp_path in *'
'*) continue ;; esac
      if [ -f "$kp_path" ]; then printf '%s\n' "$kp_path"; fi
    done
  done
  IFS=$kp_ifs
}

config_files() {
  host_init
  now_cs
  cf_epoch=$(date +%s 2>/dev/null)
  cf_paths=$(kc_paths "$@")
  printf '==FULCRUM-FRAME seq=1 uptime=%s epoch=%s==\n' "$UPTIME" "${cf_epoch:-0}"
  section nodename uname -n
  section paths printf '%s' "$cf_paths"
  cf_n=0
  cf_ifs=$IFS
  IFS='
'
  set -f
  for cf_path in $cf_paths; do
    cf_n=$((cf_n + 1))
    section "file-$cf_n" keepalived_config "$cf_path"
  done
  set +f
  IFS=$cf_ifs
  printf '==END seq=1==\n'
}

# The program arrives on stdin: nothing it runs may read from there.
config_files "$@" </dev/null
