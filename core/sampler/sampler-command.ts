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
 * Privileges, two ways for a login that is not root (sudoers-advice.ts has the lines, README
 * "Privileges" what each grants and costs):
 * - root shell: the whole loop under ONE `sudo -n /bin/sh -s`, so sudo (and PAM's session lines)
 *   log once per session and a sample costs the host no more than for root. The grant,
 *   `USER ALL=(root) NOPASSWD: /bin/sh`, is root equivalent: whoever holds the account's key can
 *   run anything as root, and sudoers cannot narrow it, since the program on stdin is whatever the
 *   caller sends.
 * - least privilege: the loop runs as the login, and only the reads that need root (the ipvsadm
 *   listings, keepalived's DATA dump) run under `sudo -n`, each exactly as granted: the loop checks
 *   the grants once (`sudo -n -l CMD`, which runs and logs nothing) and names what is missing in
 *   the capability frame's sudoers-hint. The price is a sudo exec per read per sample (host CPU:
 *   npm run bench -- sampler), and a sudo log line each unless the grant's quiet form is used.
 * The root shell is used when sudoers grants it; a site that grants neither still gets weights
 * and connection counts from the world-readable /proc/net/ip_vs (no byte or packet counters).
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

/** The shell the loop runs in, and what a root-shell grant names. */
export const LOOP_SHELL = "/bin/sh";

export function buildSamplerInvocation(script: string, options: SamplerCommandOptions): SamplerInvocation {
  const shell = `${LOOP_SHELL} -s`;
  return { command: options.useSudo ? `sudo -n ${shell}` : shell, stdin: script };
}
