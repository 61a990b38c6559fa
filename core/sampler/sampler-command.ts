/**
 * The remote command line that starts the sampling loop on an SSH exec channel.
 *
 * Always `/bin/sh -c '<script>'`: the login shell (bash, zsh, fish, ...) only has to undo one layer
 * of single quotes; the program itself always runs under the host's POSIX sh. An absolute /bin/sh
 * also makes a sudoers grant match one known path (with merged /usr, a bare `sh` under sudo's
 * secure_path would resolve to /usr/bin/sh).
 *
 * Privileges, the choice made: when the login is not root, the whole loop runs under ONE
 * `sudo -n /bin/sh -c ...`, so sudo (and PAM's session lines) log once per session, as DESIGN §4
 * asks. The honest sudoers line for that is `USER ALL=(root) NOPASSWD: /bin/sh`, and it is root
 * equivalent: whoever holds the account's key can run anything as root. sudoers cannot narrow it
 * usefully, since the argument is the whole generated program and changes with the options.
 * The alternative, `sudo -n ipvsadm -Ln --exact` inside the loop, allows a narrow grant
 * (`USER ALL=(root) NOPASSWD: /usr/sbin/ipvsadm -Ln --exact, /usr/sbin/ipvsadm -Ln --stats --exact`)
 * but execs sudo and opens a PAM session per sample: a log line every 2 s on every director, which
 * buries the audit trail it exists for. So the capability frame offers the /bin/sh line and says
 * what it costs (sudoers-hint), and a site that will not grant it still gets weights and connection
 * counts from the world-readable /proc/net/ip_vs (no byte or packet counters).
 */
import { shellQuote } from "../commands/shell-quote.ts";

export interface SamplerCommandOptions {
  /** Run under `sudo -n` (never prompts: a missing grant fails at once with a message on stderr). */
  useSudo: boolean;
}

export function buildSamplerCommand(script: string, options: SamplerCommandOptions): string {
  const shell = `/bin/sh -c ${shellQuote(script)}`;
  return options.useSudo ? `sudo -n ${shell}` : shell;
}

/** The grant that lets `buildSamplerCommand(script, { useSudo: true })` run for this user. */
export function sudoersLineFor(user: string): string {
  return `${user} ALL=(root) NOPASSWD: /bin/sh`;
}

/**
 * The same loop started with a short command line and the program on standard input
 * (`/bin/sh -s`, stdin closed after the program). Used over SSH: servers limit the exec command
 * length (Dropbear, common on appliances, drops the connection past 9,000 bytes; the program is
 * larger), and the login shell then only parses a few plain words, whatever shell it is.
 */
export function buildSamplerInvocation(script: string, options: SamplerCommandOptions): { command: string; stdin: string } {
  const shell = "/bin/sh -s";
  return { command: options.useSudo ? `sudo -n ${shell}` : shell, stdin: script };
}
