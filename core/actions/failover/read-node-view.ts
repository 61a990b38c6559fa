/**
 * Reads one director for the failover preflight over a HostExecutor (the I/O edge of this folder):
 * one round trip runs node-probe.sh, which prints one frame of the sampler's format with
 * keepalived's pid, a fresh DATA dump and keepalived.conf (both redacted on the node by the same
 * keepalived-dump.sh the sampler sends: no secret crosses SSH), `ip -o addr`, `ipvsadm -Sn`, the
 * sync daemon and the node's clock; then the files keepalived.conf includes (keepalived-config-read.ts,
 * only when it has include or `@ID` lines) and the config's track files. The dump is found as the
 * sampler finds it (the daemon's TMPDIR, through /proc/PID/root). Nothing here throws for a node
 * that answers: what could not be read is recorded, so the preflight can say so.
 */
import { parseIpAddr } from "../../parse/host/ip-addr.ts";
import { FrameReader } from "../../sampler/frame-reader.ts";
import type { Frame } from "../../sampler/frame.ts";
import { parseKeepalivedPid, parseRedactedKeepalivedData } from "../../sampler/keepalived-sections.ts";
import { hostScript } from "../../shell/host-script.ts";
import type { HostExecutor } from "../host-executor.ts";
import { readKeepalivedConfigOn } from "../keepalived-config-read.ts";
import { keepalivedControlOf } from "./keepalived-control.ts";
import type { NodeView } from "./node-view.ts";

export interface KeepalivedLocations {
  /** Default /run/keepalived.pid. */
  pidFile?: string;
  /**
   * keepalived's TMPDIR, where SIGUSR1 writes keepalived.data, for a login that cannot read it from
   * the daemon's environment (not root; README "Privileges"). Default /tmp.
   */
  tmpDir?: string;
  /** Default /etc/keepalived/keepalived.conf. */
  configFile?: string;
}

export interface ReadNodeOptions {
  label: string;
  locations?: KeepalivedLocations;
  /** How to stop and start keepalived, when the operator named it; else found on the node. */
  control?: NodeView["control"];
  /** The systemd unit to look for when finding it (default keepalived). */
  unit?: string;
  /** Never stop keepalived (--no-stop): do not look for a way. */
  noStop?: boolean;
}

const TIMEOUT_MS = 10_000;

export const NODE_PROBE = hostScript(
  "core/shell/tools.sh",
  "core/shell/privilege.sh",
  "core/shell/frame-sections.sh",
  "core/shell/keepalived-dump.sh",
  "core/actions/failover/keepalived-control.sh",
  "core/actions/failover/node-probe.sh",
);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The probe's one frame, or undefined when it printed none (no sh, a shell error, a cut stream). */
export function probeFrame(stdout: string): Frame | undefined {
  const reader = new FrameReader();
  for (const event of [...reader.push(stdout), ...reader.end()]) if (event.type === "frame") return event.frame;
  return undefined;
}

function firstLine(text: string | undefined): string | undefined {
  return text?.split("\n").find((line) => line.trim() !== "")?.trim();
}

export async function readNodeView(executor: HostExecutor, options: ReadNodeOptions): Promise<NodeView> {
  const pidFile = options.locations?.pidFile ?? "/run/keepalived.pid";
  const tmpDir = options.locations?.tmpDir ?? "/tmp";
  const configFile = options.locations?.configFile ?? "/etc/keepalived/keepalived.conf";
  const view: NodeView = {
    label: options.label,
    reachable: false,
    keepalived: { alive: false },
    trackFileValues: {},
  };
  if (options.control) view.control = options.control;
  const run = (argv: string[], stdin?: string) =>
    executor.run(argv, { timeoutMs: TIMEOUT_MS, ...(stdin === undefined ? {} : { stdin }) });

  try {
    const probe = await run(
      ["sh", "-s", "--", pidFile, configFile, tmpDir, options.unit ?? "keepalived"],
      NODE_PROBE,
    );
    const frame = probeFrame(probe.stdout);
    if (!frame) {
      // It answered, but with nothing a preflight can stand on: as good as unreachable.
      const why = firstLine(probe.stderr) ?? firstLine(probe.stdout) ?? "no output";
      view.problem = `the node probe printed no frame (exit ${probe.code}): ${why}`;
      return view;
    }
    view.reachable = true;
    view.readAtSeconds = frame.epoch;
    if (!options.control && !options.noStop) {
      const found = keepalivedControlOf(frame.sections.get("keepalived-control"));
      if ("control" in found) view.control = found.control;
      else view.controlProblem = found.problem;
    }
    const ok = (name: string): string | undefined => {
      const section = frame.sections.get(name);
      return section?.rc === 0 ? section.text : undefined;
    };
    const state = frame.sections.get("keepalived");
    const pid = state ? safely(() => parseKeepalivedPid(state.text)) : undefined;
    if (typeof pid === "number") view.keepalived = { pid, alive: true };
    const addresses = ok("ip-addr");
    if (addresses !== undefined) view.addresses = parseIpAddr(addresses);
    const config = ok("keepalived-config");
    if (config === undefined) view.configProblem = `cannot read ${configFile}`;
    else {
      // The probe brought the main file; its includes (and the node name, for `@ID` lines) come
      // through the one config reader, as `fulcrum parse keepalived-config` reads a local file.
      const read = await readKeepalivedConfigOn(executor, configFile, { mainText: config });
      if (read.ok) view.config = read.config;
      else view.configProblem = read.error ? read.problem : `${configFile}: ${read.problem}`;
    }
    const save = ok("ipvsadm-save");
    if (save !== undefined) view.ipvsSave = save;
    // "master sync daemon (mcast=eth1, syncid=5, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)"
    const daemon = ok("ipvs-sync-daemon");
    if (daemon !== undefined)
      view.syncDaemon = {
        master: /^master sync daemon/m.test(daemon),
        backup: /^backup sync daemon/m.test(daemon),
      };
    const dump = frame.sections.get("keepalived-data");
    if (!view.keepalived.alive) view.dataProblem = "keepalived is not running";
    else if (dump?.rc !== 0) view.dataProblem = firstLine(dump?.text) ?? `the DATA dump exited ${dump?.rc}`;
    else {
      try {
        view.data = parseRedactedKeepalivedData(dump.text);
      } catch (error) {
        view.dataProblem = `the DATA dump: ${messageOf(error)}`;
      }
    }

    const trackFiles = (view.config?.trackFiles ?? []).flatMap((trackFile) =>
      trackFile.file ? [trackFile.file] : [],
    );
    await Promise.all(
      trackFiles.map(async (file) => {
        const content = await run(["cat", file]);
        view.trackFileValues[file] = content.code === 0 ? content.stdout : null;
      }),
    );
  } catch (error) {
    view.problem = view.reachable ? `lost while reading: ${messageOf(error)}` : messageOf(error);
    view.reachable = false;
  }
  return view;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
