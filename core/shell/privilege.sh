# shellcheck shell=sh
# Who runs a program, and root for single commands: as root directly, else under `sudo -n` where
# sudoers grants exactly that command (the least-privilege lines of README "Privileges"). Asking
# the policy (`sudo -n -l CMD`) runs nothing and logs nothing. Needs tools.sh.

# host_init: who runs this program (USER_ID, USER_NAME, ROOT=1 for uid 0) and sudo's path for a
# login that is not root (SUDO_TOOL, empty when there is none). Globals for the program.
# shellcheck disable=SC2034
host_init() {
  USER_ID=$(id -u 2>/dev/null)
  USER_NAME=$(id -un 2>/dev/null)
  if [ "$USER_ID" = 0 ]; then ROOT=1; else ROOT=0; fi
  SUDO_TOOL=
  if [ "$ROOT" != 1 ]; then find_tool sudo; SUDO_TOOL=$FOUND_TOOL; fi
}

# sudo_permits CMD...: true when sudoers lets this login run exactly CMD as root without a password.
# `sudo -n -l CMD` asks the policy and runs nothing; sudo logs nothing for it.
sudo_permits() {
  [ -n "$SUDO_TOOL" ] && "$SUDO_TOOL" -n -l "$@" >/dev/null 2>&1 </dev/null
}

# sudoers_command CMD...: SUDOERS_COMMAND is CMD as a sudoers line names it, each word with the
# characters sudoers reads as syntax (\ , : = ( ) ! and the wildcards * ? [ ]) escaped.
# shellcheck disable=SC2034
sudoers_command() {
  SUDOERS_COMMAND=$(printf '%s\n' "$*" | sed 's/[][\\,:=()!*?]/\\&/g')
}

# root_run CMD...: CMD as root when this login can have it (it is root, or sudoers grants exactly
# CMD: the least-privilege lines of README "Privileges"), else as the login, which the host may
# refuse: the caller reads the status. For one-shot reads; the sampling loop decides once instead.
root_run() {
  if [ "$ROOT" != 1 ] && sudo_permits "$@"; then "$SUDO_TOOL" -n "$@" </dev/null; else "$@"; fi
}
