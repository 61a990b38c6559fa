/**
 * A frame (frame-reader.ts) to a typed HostSample, by the parsers in core/parse/. Each section is
 * parsed on its own: a non-zero exit status or a parser's refusal becomes a SectionProblem in the
 * sample and the rest of the frame still counts. Nothing here throws for what a host printed.
 */
import { ParseError } from "../model/parse-error.ts";
import type { IpvsListing } from "../model/ipvs.ts";
import { parseServersState } from "../parse/haproxy/servers-state.ts";
import { parseHaproxyStat } from "../parse/haproxy/stat-csv.ts";
import { parseIpAddr } from "../parse/host/ip-addr.ts";
import { parseNetSpeeds, withSpeeds } from "../parse/host/net-speed.ts";
import { parseNetDev } from "../parse/host/netdev.ts";
import { parseIpvsadmList } from "../parse/ipvs/ipvsadm-list.ts";
import { parseProcIpVs } from "../parse/ipvs/proc-ip-vs.ts";
import { parseStubStatus } from "../parse/nginx/stub-status.ts";
import type { Frame, SectionOutput } from "./frame.ts";
import type { HostSample, SectionProblem } from "./host-sample.ts";
import { KEEPALIVED_NOT_RUNNING, parseKeepalivedPid, parseRedactedKeepalivedData } from "./keepalived-sections.ts";
import { mergeIpvsStats } from "./merge-ipvs-stats.ts";
import type { SectionMemo } from "./section-memo.ts";

/**
 * Sections whose parse is remembered from one frame to the next: texts that rarely change. Not the
 * IPVS listings: on a busy director their counters or connection counts change nearly every
 * frame, and a 500-backend parse kept across frames would outlive the young generation for little.
 */
const MEMO_SECTIONS: ReadonlySet<string> = new Set(["ip-addr", "net-speed"]);

const MESSAGE_LINES = 3;

/**
 * `memo`, kept per host stream, lets a section whose text repeats the last frame's skip its parse
 * (section-memo.ts); the sample's values may then be shared with the sample before.
 */
export function frameToSample(frame: Frame, memo?: SectionMemo): HostSample {
  const sample: HostSample = { seq: frame.seq, uptime: frame.uptime, epoch: frame.epoch, problems: [] };
  const read = <T>(
    name: string,
    parse: (text: string) => T,
    okStatus: (rc: number) => boolean = (rc) => rc === 0,
  ): T | undefined => {
    const output = frame.sections.get(name);
    if (!memo || !MEMO_SECTIONS.has(name) || !output || output.rc !== 0)
      return readSection(output, name, parse, okStatus, sample.problems);
    const known = memo.recall(name, output.text);
    if (known) return known.value as T;
    const value = readSection(output, name, parse, okStatus, sample.problems);
    if (value === undefined) memo.forget(name);
    else memo.remember(name, output.text, value);
    return value;
  };

  const listed = read("ipvsadm", parseIpvsadmList);
  const counted = read("ipvsadm-stats", parseIpvsadmList);
  const base = listed ?? counted;
  if (base) {
    const services = listed && counted ? mergeIpvsStats(listed.services, counted.services) : base.services;
    sample.ipvs = { source: "ipvsadm", ...versionOf(base), services };
  } else {
    const proc = read("ip-vs-proc", (text) => parseProcIpVs(text));
    if (proc) sample.ipvs = { source: "proc", ...versionOf(proc), services: proc.services };
  }

  const nics = read("netdev", parseNetDev);
  const speeds = read("net-speed", parseNetSpeeds);
  if (nics) sample.nics = speeds ? withSpeeds(nics, speeds) : nics;

  const addresses = read("ip-addr", parseIpAddr);
  if (addresses) sample.addresses = addresses;

  const stats = read("haproxy-stat", parseHaproxyStat);
  const serversState = read("haproxy-servers-state", parseServersState);
  if (stats || serversState) {
    sample.haproxy = { ...(stats ? { stats } : {}), ...(serversState ? { serversState } : {}) };
  }

  const nginx = read("nginx-status", parseStubStatus);
  if (nginx) sample.nginx = nginx;

  if (frame.sections.has("keepalived")) {
    // rc 1 with "pid=" is the loop saying keepalived is not running: a fact, not a problem.
    const pid = read("keepalived", parseKeepalivedPid, () => true);
    const data = read(
      "keepalived-data",
      parseRedactedKeepalivedData,
      (rc) => rc === 0 || rc === KEEPALIVED_NOT_RUNNING,
    );
    sample.keepalived = {
      running: typeof pid === "number",
      ...(pid ? { pid } : {}),
      ...(data ? { data } : {}),
    };
  }
  return sample;
}

function readSection<T>(
  output: SectionOutput | undefined,
  section: string,
  parse: (text: string) => T,
  okStatus: (rc: number) => boolean,
  problems: SectionProblem[],
): T | undefined {
  if (!output) return undefined;
  if (!okStatus(output.rc)) {
    problems.push({ section, kind: "command-failed", rc: output.rc, message: firstLines(output.text) });
    return undefined;
  }
  if (output.rc !== 0) return undefined;
  try {
    return parse(output.text);
  } catch (error) {
    const problem: SectionProblem = {
      section,
      kind: "parse-failed",
      message: error instanceof Error ? error.message : String(error),
    };
    if (error instanceof ParseError) problem.line = error.line;
    problems.push(problem);
    return undefined;
  }
}

function versionOf(listing: IpvsListing): { version?: string } {
  return listing.version === undefined ? {} : { version: listing.version };
}

function firstLines(text: string): string {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return lines.slice(0, MESSAGE_LINES).join(" | ").slice(0, 500) || "(no output)";
}
