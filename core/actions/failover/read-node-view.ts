/**
 * Reads one director for the failover preflight over a HostExecutor (the I/O edge of this folder):
 * keepalived's pid, a fresh DATA dump (formats.md §4.2: signal, then wait for the file to change
 * and its size to settle), `ip -o addr`, keepalived.conf and its track files, `ipvsadm -Sn`, the
 * sync daemon, and the node's clock. Nothing here throws for a node that answers: what could not
 * be read is recorded, so the preflight can say so.
 */
import { parseIpAddr } from "../../parse/host/ip-addr.ts";
import { parseKeepalivedConfig } from "../../parse/keepalived/config.ts";
import { parseKeepalivedData } from "../../parse/keepalived/data-dump.ts";
import type { HostExecutor } from "../host-executor.ts";
import type { NodeView } from "./node-view.ts";

export interface KeepalivedLocations {
  /** Default /run/keepalived.pid. */
  pidFile?: string;
  /** Where SIGUSR1 writes keepalived.data: $TMPDIR of the daemon, /tmp by default. */
  dataFile?: string;
  /** Default /etc/keepalived/keepalived.conf. */
  configFile?: string;
}

export interface ReadNodeOptions {
  label: string;
  locations?: KeepalivedLocations;
  control?: NodeView["control"];
}

const TIMEOUT_MS = 10_000;

// Signals keepalived and prints the dump once its mtime changed and two reads 50 ms apart agree on
// the size (keepalived writes it about 0.1 s after the signal). At most 60 x 50 ms.
const DUMP_SCRIPT = [
  "file=$1; pid=$2; sig=$3",
  'before=$(stat -c %y "$file" 2>/dev/null)',
  'kill -s "$sig" "$pid" || exit 3',
  "i=0",
  'while [ "$i" -lt 60 ]; do',
  '  now=$(stat -c %y "$file" 2>/dev/null)',
  '  if [ -n "$now" ] && [ "$now" != "$before" ]; then',
  '    size=$(stat -c %s "$file"); sleep 0.05',
  '    [ "$size" = "$(stat -c %s "$file")" ] && [ "$size" != 0 ] && exec cat "$file"',
  "  fi",
  "  sleep 0.05; i=$((i + 1))",
  "done",
  'echo "keepalived did not write $file" >&2; exit 4',
].join("\n");

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// One round trip for everything that does not depend on the config: each command's output
// followed by a marker line with its exit status.
const PROBE_SCRIPT = [
  "pidfile=$1; conf=$2",
  'section() { name=$1; shift; "$@" 2>/dev/null; printf "\\n%s %s %s\\n" "==fulcrum-section==" "$name" "$?"; }',
  "section date date +%s.%N",
  'section pid cat "$pidfile"',
  'pid=$(cat "$pidfile" 2>/dev/null)',
  'section alive kill -0 "${pid:-0}"',
  "section addresses ip -o addr show",
  'section config cat "$conf"',
  "section signum keepalived --signum=DATA",
  "section ipvs ipvsadm -Sn",
  "section daemon ipvsadm -L --daemon",
].join("\n");

// "==fulcrum-section== config 0"
const SECTION_END = /^==fulcrum-section== (\S+) (\d+)$/;

/** Each section's output (without the newline the marker added) and exit status. */
export function splitProbeSections(text: string): Map<string, { output: string; code: number }> {
  const sections = new Map<string, { output: string; code: number }>();
  let lines: string[] = [];
  for (const line of text.split("\n")) {
    const end = SECTION_END.exec(line);
    if (!end) {
      lines.push(line);
      continue;
    }
    // The marker follows a "\n" of its own, which the split consumed: the lines are the output.
    sections.set(end[1] ?? "", { output: lines.join("\n"), code: Number(end[2]) });
    lines = [];
  }
  return sections;
}

export async function readNodeView(executor: HostExecutor, options: ReadNodeOptions): Promise<NodeView> {
  const pidFile = options.locations?.pidFile ?? "/run/keepalived.pid";
  const dataFile = options.locations?.dataFile ?? "/tmp/keepalived.data";
  const configFile = options.locations?.configFile ?? "/etc/keepalived/keepalived.conf";
  const view: NodeView = {
    label: options.label,
    reachable: false,
    keepalived: { alive: false },
    trackFileValues: {},
  };
  if (options.control) view.control = options.control;
  const run = (argv: string[]) => executor.run(argv, { timeoutMs: TIMEOUT_MS });

  try {
    const probe = await run(["sh", "-c", PROBE_SCRIPT, "fulcrum-probe", pidFile, configFile]);
    view.reachable = true;
    const sections = splitProbeSections(probe.stdout);
    const ok = (name: string): string | undefined => {
      const section = sections.get(name);
      return section?.code === 0 ? section.output : undefined;
    };
    const clock = ok("date");
    if (clock !== undefined) view.readAtSeconds = Number(clock.trim());
    const pid = Number(ok("pid")?.trim());
    if (Number.isSafeInteger(pid) && pid > 0) {
      view.keepalived.pid = pid;
      view.keepalived.alive = ok("alive") !== undefined;
    }
    const addresses = ok("addresses");
    if (addresses !== undefined) view.addresses = parseIpAddr(addresses);
    const config = ok("config");
    if (config === undefined) view.configProblem = `cannot read ${configFile}`;
    else {
      try {
        view.config = parseKeepalivedConfig(config);
      } catch (error) {
        view.configProblem = `${configFile}: ${messageOf(error)}`;
      }
    }
    const save = ok("ipvs");
    if (save !== undefined) view.ipvsSave = save;
    // "master sync daemon (mcast=eth1, syncid=5, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)"
    const daemon = ok("daemon");
    if (daemon !== undefined)
      view.syncDaemon = {
        master: /^master sync daemon/m.test(daemon),
        backup: /^backup sync daemon/m.test(daemon),
      };

    const trackFiles = (view.config?.trackFiles ?? []).flatMap((trackFile) =>
      trackFile.file ? [trackFile.file] : [],
    );
    const readTrackFiles = Promise.all(
      trackFiles.map(async (file) => {
        const content = await run(["cat", file]);
        view.trackFileValues[file] = content.code === 0 ? content.stdout : null;
      }),
    );
    // Signal numbers other than STOP/RELOAD/DATA/STATS "may change": ask keepalived (formats.md §4.2).
    const signal = ok("signum")?.trim() || "USR1";
    const readDump = async () => {
      if (!view.keepalived.alive || view.keepalived.pid === undefined) {
        view.dataProblem = "keepalived is not running";
        return;
      }
      const dump = await run([
        "sh",
        "-c",
        DUMP_SCRIPT,
        "fulcrum-dump",
        dataFile,
        String(view.keepalived.pid),
        signal,
      ]);
      if (dump.code !== 0) view.dataProblem = dump.stderr.trim() || `the DATA dump exited ${dump.code}`;
      else {
        try {
          view.data = parseKeepalivedData(dump.stdout);
        } catch (error) {
          view.dataProblem = `${dataFile}: ${messageOf(error)}`;
        }
      }
    };
    await Promise.all([readTrackFiles, readDump()]);
  } catch (error) {
    view.problem = view.reachable ? `lost while reading: ${messageOf(error)}` : messageOf(error);
    view.reachable = false;
  }
  return view;
}
