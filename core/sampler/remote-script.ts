/**
 * Builds the POSIX sh program that samples a host (DESIGN.md §4): sent over one SSH channel, nothing
 * installed there, one long-lived loop that prints a framed block every interval. Pure: options in,
 * program text out: a settings block (every value validated, then shell-quoted) followed by
 * the shared parts in core/shell/ and the loop, sampler-loop.sh. Runs under
 * dash, bash and busybox ash.
 *
 * Frame format, version 1 (read by frame-reader.ts). Lines end in "\n"; markers are whole lines.
 *
 *   ==FULCRUM-CAPS version=1 uptime=SECONDS.CC==     once, first
 *   KEY=VALUE                                        one per line; VALUE runs to the end of the line
 *   ==END caps==
 *
 *   ==FULCRUM-FRAME seq=N uptime=SECONDS.CC epoch=SECONDS==   every interval, N = 1, 2, 3, ...
 *   ==SECTION NAME==
 *   ...the command's stdout and stderr, byte for byte...
 *   <one extra "\n", so output without a final newline still ends before the trailer>
 *   ==SECTION-END NAME rc=STATUS==                   the command's exit status
 *   ...more sections...
 *   ==END seq=N==
 *
 * The text of a section is everything between its header line and its trailer line with that one
 * extra newline removed, so it equals the command's output exactly. `uptime` is /proc/uptime (a
 * monotonic clock for rates); `epoch` is the host's wall clock (`date +%s`).
 *
 * Capability keys: uid, user, root (1/0), sudo (not-needed: root | reads: the reads named in sudo-reads
 * run under `sudo -n` | no: sudo grants none of them | missing: no sudo), sudo-reads (ipvsadm,
 * ipvsadm-stats, keepalived-data), ipvsadm (path or empty), ipvsadm-version, ipvsadm-permitted (1/0:
 * `ipvsadm -Ln` ran, directly or through a grant), ipvsadm-error, ip-vs-proc (1/0),
 * haproxy-socket, haproxy-socket-source (option|config|none), haproxy-socket-found (1/0),
 * socket-client (socat|nc|none), http-client (curl|wget|none), timeout (path or empty),
 * fractional-sleep (1/0), keepalived-pid, keepalived-signal, sections (the ones the loop will print,
 * shell spelling with "_"), and sudoers-hint: the one-line sudoers grant of exactly the reads this
 * login lacks ("USER ALL=(root) NOPASSWD: CMD, CMD", escaped for sudoers; sudoers-advice.ts).
 *
 * Sections: ipvsadm (`ipvsadm -Ln --exact`), ipvsadm-stats (`-Ln --stats --exact`), ip-vs-proc
 * (/proc/net/ip_vs; printed instead of the ipvsadm sections when ipvsadm is not permitted),
 * netdev (/proc/net/dev), net-speed (`IFNAME SPEED` per line, -1 when unreadable), haproxy-stat
 * (`show stat`), haproxy-servers-state (`show servers state`), nginx-status (stub_status body),
 * ip-addr (`ip -o addr show`), and every keepaliveEverySeconds: keepalived (`pid=N`, rc 0 when the
 * daemon runs) and keepalived-data (the DATA dump with every secret line replaced by "<redacted>",
 * core/shell/keepalived-dump.sh; rc 77 when neither root nor a grant can read it, 3 when keepalived
 * is not running, 124 when no dump appeared).
 *
 * Privileges: sampler-command.ts (the root shell, or least privilege with granted reads).
 */
import { SamplerOptionsSchema, type SamplerOptionsInput } from "./sampler-options.ts";
import { SAMPLER_SOURCES } from "./sampler-sections.ts";
import { shellQuote } from "../commands/shell-quote.ts";
import { hostScript } from "../shell/host-script.ts";

export const FRAME_FORMAT_VERSION = 1;

/** Throws a ZodError when the options do not validate; nothing unvalidated reaches the program. */
export function buildSamplerScript(input: SamplerOptionsInput): string {
  const options = SamplerOptionsSchema.parse(input);
  const wanted = new Set(options.sections);
  if (wanted.has("nginx-status") && options.nginxStatusUrl === undefined) {
    throw new RangeError("the nginx-status section needs nginxStatusUrl");
  }
  const settings = [
    `# Fulcrum sampler, frame format ${FRAME_FORMAT_VERSION}`,
    `IV=${options.intervalSeconds}`,
    `KA=${options.keepaliveEverySeconds}`,
    `MAX=${options.maxFrames ?? 0}`,
    `TO=${options.commandTimeoutSeconds}`,
    `HSOCK=${shellQuote(options.haproxySocket ?? "")}`,
    `HCFG=${shellQuote(options.haproxyConfig)}`,
    `NGINX_URL=${shellQuote(options.nginxStatusUrl ?? "")}`,
    // Word-split on purpose in the loop: the schema allows no whitespace in these paths.
    `KPIDFILES=${shellQuote(options.keepalivedPidFiles.join(" "))}`,
    `KTMP=${shellQuote(options.keepalivedTmpDir)}`,
    ...SAMPLER_SOURCES.map((source) => `W_${source.replaceAll("-", "_")}=${wanted.has(source) ? 1 : 0}`),
  ];
  const program = hostScript(
    "core/shell/tools.sh",
    "core/shell/privilege.sh",
    "core/shell/frame-sections.sh",
    "core/shell/keepalived-dump.sh",
    "core/sampler/sampler-loop.sh",
  );
  return `${settings.join("\n")}\n${program}`;
}
