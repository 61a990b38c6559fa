/**
 * process_options() after parsing: run one ipvsadm command line against a simulated table and
 * return what ipvsadm would print and its exit status. Kernel refusals print ipvs_strerror()'s
 * message and exit 255 (main returns -1); list_service() of a missing service exits 1.
 */
import { formatIpvsadm, formatTimeouts, type IpvsadmListForm } from "./format-ipvsadm.ts";
import { IpvsError } from "./ipvs-errors.ts";
import { IpvsadmExit, parseIpvsadmArguments, tryHelp, type IpvsadmEntry } from "./ipvsadm-arguments.ts";
import {
  addDest,
  addService,
  deleteDest,
  deleteService,
  editDest,
  editService,
  findService,
  flushServices,
  zeroCounters,
  type ServiceRef,
} from "./ipvs-table.ts";
import type { IpvsSimState, SimLoad } from "./sim-types.ts";

export interface IpvsadmResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function serviceRef(entry: IpvsadmEntry): ServiceRef {
  const s = entry.service;
  return { protocol: s.protocol, family: s.family, address: s.address, port: s.port, fwmark: s.fwmark };
}

function listForm(options: Set<string>): IpvsadmListForm {
  // print_title tests FMT_STATS first: `--stats --rate` prints the stats table.
  if (options.has("stats")) return "stats";
  if (options.has("rate")) return "rate";
  if (options.has("thresholds")) return "thresholds";
  if (options.has("persistent-conn")) return "persistent-conn";
  if (options.has("tun-info")) return "tun-info";
  return "list";
}

function list(state: IpvsSimState, entry: IpvsadmEntry): IpvsadmResult {
  const o = entry.options;
  const stateOptions = o.has("connection") || o.has("timeout") || o.has("daemon");
  if (
    (stateOptions && (o.has("stats") || o.has("rate") || o.has("thresholds"))) ||
    ((o.has("timeout") || o.has("daemon")) && o.has("persistent-conn"))
  ) {
    throw new IpvsadmExit(2, "options conflicts in the list command\n");
  }
  const done = (stdout: string): IpvsadmResult => ({ stdout, stderr: "", exitCode: 0 });
  // The simulator keeps connections as counts, not entries: -c lists the title only.
  if (o.has("connection"))
    return done(
      "IPVS connection entries\npro expire state       source             virtual            destination\n",
    );
  const format = { form: listForm(o), exact: o.has("exact"), nosort: o.has("nosort") };
  if (o.has("service-address")) {
    const svc = findService(state, serviceRef(entry));
    if (!svc || svc.protocol !== entry.service.protocol)
      return { stdout: "", stderr: "No such service\n", exitCode: 1 };
    return done(formatIpvsadm(state, { ...format, only: svc }));
  }
  if (o.has("timeout")) return done(formatTimeouts(state));
  if (o.has("daemon")) return done("");
  return done(formatIpvsadm(state, format));
}

function change(state: IpvsSimState, entry: IpvsadmEntry, newServiceLoad: SimLoad | undefined): void {
  const ref = serviceRef(entry);
  const s = entry.service;
  const settings = {
    scheduler: s.scheduler,
    schedFlags: s.schedFlags,
    persistent: s.persistent,
    netmask: s.netmask,
    pe: s.pe,
    onePacket: s.onePacket,
  };
  const d = entry.dest;
  const destRef = { family: d.family, address: d.address, port: d.port };
  const destSettings = {
    forward: d.forward,
    weight: d.weight,
    upperThreshold: d.upperThreshold,
    lowerThreshold: d.lowerThreshold,
    tunnelType: d.tunnelType,
    tunnelPort: d.tunnelPort,
    tunnelFlags: d.tunnelFlags,
  };
  switch (entry.command) {
    case "flush":
      return flushServices(state);
    case "add-service":
      addService(state, ref, settings, newServiceLoad);
      return;
    case "edit-service":
      editService(state, ref, settings);
      return;
    case "delete-service":
      return deleteService(state, ref);
    case "zero":
      return zeroCounters(state, entry.options.has("service-address") ? ref : undefined);
    case "add-server":
      addDest(state, ref, destRef, destSettings);
      return;
    case "edit-server":
      editDest(state, ref, destRef, destSettings);
      return;
    case "delete-server":
      return deleteDest(state, ref, destRef);
    case "set": {
      const [tcp, tcpFin, udp] = entry.timeouts ?? [0, 0, 0];
      if (tcp) state.timeouts.tcp = tcp;
      if (tcpFin) state.timeouts.tcpFin = tcpFin;
      if (udp) state.timeouts.udp = udp;
      return;
    }
    default:
      // start-daemon / stop-daemon: the simulator has no sync daemon; accepted and ignored.
      return;
  }
}

/** config_stream_read(): one command per line, words split on blanks. */
function restore(
  state: IpvsSimState,
  program: string,
  stdin: string,
  newServiceLoad: SimLoad | undefined,
): IpvsadmResult {
  let last: IpvsadmResult = { stdout: "", stderr: "", exitCode: 0 };
  let stdout = "";
  let stderr = "";
  for (const line of stdin.split("\n")) {
    const words = line
      .trim()
      .split(/\s+/)
      .filter((w) => w !== "");
    if (words.length === 0) continue;
    last = runOne(state, program, words, "", true, newServiceLoad);
    stdout += last.stdout;
    stderr += last.stderr;
    // fail() exits the whole process at the first bad line; kernel refusals do not.
    if (last.exitCode !== 0 && last.exitCode !== 255) return { stdout, stderr, exitCode: last.exitCode };
  }
  return { stdout, stderr, exitCode: last.exitCode };
}

function runOne(
  state: IpvsSimState,
  program: string,
  args: readonly string[],
  stdin: string,
  readingStdin: boolean,
  newServiceLoad: SimLoad | undefined,
): IpvsadmResult {
  try {
    const entry = parseIpvsadmArguments(program, args);
    switch (entry.command) {
      case "list":
        return list(state, entry);
      case "save":
        return { stdout: formatIpvsadm(state, { form: "save" }), stderr: "", exitCode: 0 };
      case "restore":
        if (readingStdin) tryHelp(program);
        return restore(state, program, stdin, newServiceLoad);
      default:
        change(state, entry, newServiceLoad);
        return { stdout: "", stderr: "", exitCode: 0 };
    }
  } catch (error) {
    if (error instanceof IpvsadmExit)
      return { stdout: error.stdout, stderr: error.stderr, exitCode: error.exitCode };
    if (error instanceof IpvsError) return { stdout: "", stderr: `${error.message}\n`, exitCode: 255 };
    throw error;
  }
}

/**
 * One ipvsadm invocation. `program` is argv[0] as ipvsadm would print it in its help hint.
 * With no arguments ipvsadm lists the table (without -n it would resolve names; the simulator
 * prints numbers either way). Services added here get `newServiceLoad` (default: no traffic).
 */
export function runIpvsadm(
  state: IpvsSimState,
  program: string,
  args: readonly string[],
  stdin = "",
  newServiceLoad?: SimLoad,
): IpvsadmResult {
  if (args.length === 0) return { stdout: formatIpvsadm(state, { form: "list" }), stderr: "", exitCode: 0 };
  return runOne(state, program, args, stdin, false, newServiceLoad);
}
