# shellcheck shell=sh
# The table read of compare-and-set and verification (read-ipvs-state.ts), in one round trip:
# `ipvsadm -Ln --exact`, a separator line, then `ipvsadm -Ln --thresholds --exact` (-x/-y, which
# the default listing does not print but every edit must repeat). Sent after core/shell/tools.sh and
# privilege.sh as `sh -c PROGRAM fulcrum-read-table`; takes no arguments. Each read runs as root when this login
# can have it (root_run).

host_init
find_tool ipvsadm
rt_ipvsadm=${FOUND_TOOL:-ipvsadm}
root_run "$rt_ipvsadm" -Ln --exact &&
  echo --fulcrum-thresholds-- &&
  root_run "$rt_ipvsadm" -Ln --thresholds --exact
