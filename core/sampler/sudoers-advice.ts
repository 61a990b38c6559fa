/**
 * The sudoers lines Fulcrum offers a login that is not root (README "Privileges" says what each
 * grants and costs), and the advice `fulcrum snapshot` prints from the capability frame. Pure.
 *
 * - The least-privilege read grant names exactly the read commands the sampling loop lacks; the
 *   loop prints it as the capability `sudoers-hint` ("USER ALL=(root) NOPASSWD: CMD, CMD"), with
 *   the tool paths and pid file it found on that host. The loop then runs unprivileged and only
 *   those reads under `sudo -n`: each is a sudo exec (and, unless quieted, a sudo log line) per
 *   sample.
 * - Its quiet form puts the same commands in an alias and turns sudo's logging (and PAM session)
 *   off for them only: they change nothing, and a line per read per sample buries the log.
 * - The root-shell grant (`/bin/sh`) runs the whole loop as root under one `sudo -n /bin/sh -s`:
 *   one log line per session and the cheapest samples, but root-equivalent (sampler-command.ts).
 */
import { trackFileStep } from "../actions/failover/choose-method.ts";
import { socatToSocket } from "../commands/haproxy.ts";

/**
 * The alias of a login's quiet read grant: one per login, because sudoers aliases are global and a
 * second definition of a name is refused ("Alias already defined"), which would break the grant of
 * every Fulcrum login but the first. Alias names are upper case letters, digits and "_".
 */
export function readsAlias(user: string): string {
  return `FULCRUM_READS_${user.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

// "fulcrum ALL=(root) NOPASSWD: /usr/sbin/ipvsadm -Ln --exact, /usr/bin/cat /tmp/keepalived.data"
const READS_LINE = /^(\S+) ALL=\(root\) NOPASSWD: (\S.*)$/;
// The ", " between commands; an escaped comma ("\,") belongs to a word.
const COMMAND_SEPARATOR = /(?<!\\), /;
// What sudoers reads as syntax inside a command's words (sudoers(5)), and its wildcards.
const SUDOERS_SPECIAL = /[\\,:=()!*?[\]]/g;

/**
 * One command as a sudoers line names it: the program's absolute path, then its arguments, every
 * character sudoers would read as syntax escaped (as privilege.sh's sudoers_command does on the host).
 * With no arguments sudoers allows any; a grant meant to be exact names them all.
 */
export function sudoersCommand(program: string, args: readonly string[] = []): string {
  if (!program.startsWith("/")) throw new RangeError(`sudoers needs an absolute program path: ${program}`);
  return [program, ...args].map((word) => word.replace(SUDOERS_SPECIAL, "\\$&")).join(" ");
}

export function rootShellSudoersLine(user: string): string {
  return `${user} ALL=(root) NOPASSWD: /bin/sh`;
}

/** The one-line grant of exactly these commands: what the loop prints as `sudoers-hint`. */
export function readsSudoersLine(user: string, commands: readonly string[]): string {
  return `${user} ALL=(root) NOPASSWD: ${commands.join(", ")}`;
}

/** The same grant through an alias, then the optional line that keeps these reads out of sudo's log. */
export function quietReadsSudoers(user: string, commands: readonly string[]): string[] {
  const alias = readsAlias(user);
  return [
    `Cmnd_Alias ${alias} = ${commands.join(", ")}`,
    `${user} ALL=(root) NOPASSWD: ${alias}`,
    `Defaults!${alias} !log_allowed, !pam_session`,
  ];
}

/**
 * The change commands, one family at a time, as the separate line an operator may choose to give
 * (README "Privileges"). Actions run each command through as-root.sh, which uses `sudo -n` where a
 * line like these grants exactly that command.
 */
export const CHANGE_GRANTS = {
  /** Every IPVS action: ipvsadm with any arguments (full control of the IPVS table). */
  ipvs: (ipvsadm = "/usr/sbin/ipvsadm"): string[] => [sudoersCommand(ipvsadm)],
  /** HAProxy actions: the runtime API on that one socket, at the socket's own level. */
  haproxy: (socket: string, socat = "/usr/bin/socat"): string[] => [
    sudoersCommand(socat, socatToSocket(socket).slice(1)),
  ],
  /** A failover by track file: writing (dd, the value on stdin) or removing that one file. */
  trackFile: (path: string, dd = "/usr/bin/dd", rm = "/usr/bin/rm"): string[] => [
    sudoersCommand(dd, trackFileStep("master", path, "0", "").argv.slice(1)),
    sudoersCommand(rm, trackFileStep("master", path, null, "").argv.slice(1)),
  ],
} as const;

/** The user and commands of a `sudoers-hint` the loop printed; undefined for anything else. */
export function parseReadsHint(hint: string): { user: string; commands: string[] } | undefined {
  const match = READS_LINE.exec(hint);
  if (!match?.[1] || !match[2]) return undefined;
  return { user: match[1], commands: match[2].split(COMMAND_SEPARATOR) };
}

/** What to tell an operator whose login lacks reads; empty when the capability frame names none. */
export function privilegeAdvice(capabilities: ReadonlyMap<string, string>): string[] {
  const hint = capabilities.get("sudoers-hint");
  if (!hint) return [];
  const parsed = parseReadsHint(hint);
  if (!parsed) return [`missing privilege: ${hint}`];
  const { user, commands } = parsed;
  return [
    `missing privilege: ${user} may not run as root: ${commands.join(", ")}`,
    "to grant exactly these reads, add to sudoers (visudo -f /etc/sudoers.d/fulcrum):",
    `  ${hint}`,
    "or the same through an alias, with a last line that keeps these read-only commands out of",
    "sudo's log (otherwise each logs a line every sample):",
    ...quietReadsSudoers(user, commands).map((line) => `  ${line}`),
    `or, root-equivalent but one sudo log line per session: ${rootShellSudoersLine(user)}`,
    'README "Privileges" says what each line grants and what it costs.',
  ];
}
