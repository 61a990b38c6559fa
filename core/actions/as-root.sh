# shellcheck shell=sh
# How every action command runs for a login that is not root (host-executor.ts), sent after
# core/shell/tools.sh and privilege.sh as
#
#   sh -c PROGRAM fulcrum-as-root CMD ARG...
#
# CMD runs under `sudo -n` when sudoers grants exactly it (the change lines of README
# "Privileges"); else under `sudo -n /bin/sh` when the account has the root-shell line; else as the
# login, which the host may refuse: the command's own error then says so. Asking sudo which of these
# applies runs nothing and logs nothing; stdin (a file's new content, a runtime API command) goes
# to CMD untouched.

host_init
if [ "$ROOT" = 1 ]; then exec "$@"; fi
if sudo_permits "$@"; then exec "$SUDO_TOOL" -n "$@"; fi
# shellcheck disable=SC2016
if sudo_permits /bin/sh; then exec "$SUDO_TOOL" -n /bin/sh -c 'exec "$0" "$@"' "$@"; fi
exec "$@"
