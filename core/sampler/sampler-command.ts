/**
 * How the sampling loop is started on an SSH exec channel: a short command line, `/bin/sh -s`,
 * with the program written to the channel's stdin (then closed).
 *
 * Why stdin: SSH servers limit the exec command length (Dropbear, common on appliances, drops the
 * connection past 9,000 bytes, and the program is larger), and the login shell (bash, zsh, fish,
 * csh, ...) then only parses a few plain words. The program itself always runs under the host's
 * POSIX sh. An absolute /bin/sh also makes a sudoers grant match one known path (with merged /usr,
 * a bare `sh` under sudo's secure_path would resolve to /usr/bin/sh).
 *
 * Privileges, the choice made: when the login is not root, the whole loop runs under ONE
 * `sudo -n /bin/sh -s`, so sudo (and PAM's session lines) log once per session, as DESIGN §4
 * asks. The honest sudoers line for that is `USER ALL=(root) NOPASSWD: /bin/sh`, and it is root
 * equivalent: whoever holds the account's key can run anything as root. sudoers cannot narrow it
 * usefully, since the program on stdin is whatever the caller sends.
 * The alternative, `sudo -n ipvsadm -Ln --exact` inside the loop, allows a narrow grant
 * (`USER ALL=(root) NOPASSWD: /usr/sbin/ipvsadm -Ln --exact, /usr/sbin/ipvsadm -Ln --stats --exact`)
 * but execs sudo and opens a PAM session per sample: a log line every 2 s on every director, which
 * buries the audit trail it exists for. So the capability frame offers the /bin/sh line and says
 * what it costs (sudoers-hint), and a site that will not grant it still gets weights and connection
 * counts from the world-readable /proc/net/ip_vs (no byte or packet counters).
 */

export interface SamplerCommandOptions {
  /** Run under `sudo -n` (never prompts: a missing grant fails at once with a message on stderr). */
  useSudo: boolean;
}

export interface SamplerInvocation {
  /** The exec command line. */
  command: string;
  /** The program, written to the channel's stdin, which is then closed. */
  stdin: string;
}

export function buildSamplerInvocation(script: string, options: SamplerCommandOptions): SamplerInvocation {
  const shell = "/bin/sh -s";
  return { command: options.useSudo ? `sudo -n ${shell}` : shell, stdin: script };
}

/** The grant that lets `buildSamplerInvocation(script, { useSudo: true })` run for this user. */
export function sudoersLineFor(user: string): string {
  return `${user} ALL=(root) NOPASSWD: /bin/sh`;
}
