# shellcheck shell=sh
# What every Fulcrum host program starts with (POSIX sh: dash, bash, busybox ash): a known PATH and
# locale, and tool lookup. core/shell/host-script.ts puts it in front of a program's other parts;
# nothing is installed on the host.
#
# Habits of all these programs, and why:
# - Tools are looked up once by walking $PATH (find_tool) and then called by full path: busybox ash
#   prefers its own applets to PATH, and busybox's `ip` or `nc` is not the tool the host has.
# - No `local` (not POSIX), no `pipefail` (not in dash): each function uses prefixed globals.

PATH="${PATH:-/usr/bin:/bin}:/usr/local/sbin:/usr/sbin:/sbin"
LC_ALL=C
export PATH LC_ALL

# find_tool NAME: sets FOUND_TOOL to the first executable NAME in $PATH (empty when none), for the
# program.
# shellcheck disable=SC2034
find_tool() {
  FOUND_TOOL=
  ft_ifs=$IFS
  IFS=:
  set -f
  for ft_dir in $PATH; do
    if [ -n "$ft_dir" ] && [ -f "$ft_dir/$1" ] && [ -x "$ft_dir/$1" ]; then
      FOUND_TOOL=$ft_dir/$1
      break
    fi
  done
  set +f
  IFS=$ft_ifs
}
