/**
 * How a node runs keepalived, as keepalived-control.sh found it on the node (a section of the node
 * probe), turned into the exact stop and start commands of the failover's last-resort method. Only
 * a way found running counts; none found means the blunt method is refused with the code
 * `keepalived-control-unknown` (action-codes.ts), never a guess at systemctl.
 */
import type { NodeView } from "./node-view.ts";

/** One meaning each: the way keepalived was found running on the node. */
export type KeepalivedControlMethod =
  /** systemd is PID 1 and the unit is active: systemctl stop/start UNIT. */
  | "systemd"
  /** OpenRC reports the keepalived service started: rc-service keepalived stop/start. */
  | "openrc"
  /** runit supervises it (sv status: run): sv stop/start keepalived. */
  | "runit"
  /** The init script manages the running daemon, through service(8). */
  | "service"
  /** The init script manages it and there is no service(8): /etc/init.d/keepalived stop/start. */
  | "init-script"
  /** A bare daemon found by its pid file: SIGTERM to the pid in that file if it is keepalived; started again with its own command line. */
  | "pidfile";

export type KeepalivedControl = NonNullable<NodeView["control"]>;

const INIT_SCRIPT = "/etc/init.d/keepalived";
// keepalived's own "do not fork" options: the restart must daemonize, or it would hold the SSH channel.
const FOREGROUND = new Set(["-n", "--dont-fork"]);

/** The control, or why none can be used (the probe's section text and exit status). */
export function keepalivedControlOf(
  section: { rc: number; text: string } | undefined,
): { control: KeepalivedControl } | { problem: string } {
  if (!section) return { problem: "the node probe did not say how keepalived runs" };
  const values = new Map<string, string[]>();
  for (const line of section.text.split("\n")) {
    const at = line.indexOf("=");
    if (at <= 0) continue;
    const key = line.slice(0, at);
    values.set(key, [...(values.get(key) ?? []), line.slice(at + 1)]);
  }
  const one = (key: string) => values.get(key)?.[0];
  const method = one("method");
  const command = (how: string, stop: string[], start: string[]): { control: KeepalivedControl } => ({
    control: { method: method as KeepalivedControlMethod, how, stop, start },
  });
  switch (method) {
    case "systemd": {
      const unit = one("unit") ?? "keepalived";
      return command(
        `systemd unit ${unit} (active)`,
        ["systemctl", "stop", unit],
        ["systemctl", "start", unit],
      );
    }
    case "openrc":
      return command(
        "OpenRC service keepalived",
        ["rc-service", "keepalived", "stop"],
        ["rc-service", "keepalived", "start"],
      );
    case "runit":
      return command("runit service keepalived", ["sv", "stop", "keepalived"], ["sv", "start", "keepalived"]);
    case "service":
      return command(
        `init script ${INIT_SCRIPT}, through service(8)`,
        ["service", "keepalived", "stop"],
        ["service", "keepalived", "start"],
      );
    case "init-script":
      return command(`init script ${INIT_SCRIPT}`, [INIT_SCRIPT, "stop"], [INIT_SCRIPT, "start"]);
    case "pidfile": {
      const pidFile = one("pidfile");
      const args = values.get("arg") ?? [];
      if (!pidFile || args.length === 0)
        return {
          problem: "keepalived runs as a bare daemon, but its pid file or command line could not be read",
        };
      const exe = one("exe") || args[0] || "keepalived";
      const tmpDir = one("tmpdir");
      const start = [
        ...(tmpDir ? ["env", `TMPDIR=${tmpDir}`] : []),
        exe,
        ...args.slice(1).filter((arg) => !FOREGROUND.has(arg)),
      ];
      return command(
        `a bare daemon (pid ${one("pid") ?? "?"} in ${pidFile}), no service manager`,
        // pkill reads the pid from the file and signals it only if that process is named keepalived.
        ["pkill", "-TERM", "-x", "-F", pidFile, "keepalived"],
        start,
      );
    }
    default:
      return {
        problem:
          "no way to stop keepalived was found on the node: no active systemd unit, OpenRC or runit service, init script managing it, nor a pid file naming a running keepalived",
      };
  }
}
