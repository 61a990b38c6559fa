/**
 * /proc/net/ip_vs: ip_vs_info_seq_show() in the kernel's net/netfilter/ipvs/ip_vs_ctl.c.
 * World-readable, no counters; the same table as `ipvsadm -Ln` in kernel encodings.
 *
 *   IP Virtual Server version 1.2.1 (size=4096)
 *   Prot LocalAddress:Port Scheduler Flags
 *     -> RemoteAddress:Port Forward Weight ActiveConn InActConn
 *   "%s  %08X:%04X %s %s" [persistent %d %08X]     TCP  C0A80016:0CEA wlc
 *   "%s  [%pI6]:%04X %s"                           TCP  [2620:0000:0000:0000:0000:0000:0000:0001]:0050 sh
 *   "FWM  %08X %s %s"                              FWM  10001000 wlc            (mark in HEX)
 *   the "%s" after the scheduler is "ops " for one-packet scheduling; "persistent 75000 FFFFFF00"
 *   "  -> %08X:%04X      %-7s %-6d %-10d %-10d"   -> C0A85216:0CEA      Tunnel  100    248        2
 *
 * Conversions: hex IPv4 and ports to text, expanded IPv6 to RFC 5952, the fwmark to decimal. An
 * FWM line does not say its family: it is taken from the destinations (inet when there are none).
 *
 * The persistence timeout is svc->timeout, kept in JIFFIES (timeout * HZ; `persistent 75000` is
 * 300 s at HZ=250). It is always returned raw in persistentJiffies; `persistent` (seconds) is
 * filled only when the caller passes the host's HZ (CONFIG_HZ, e.g. from /boot/config-*; not
 * readable from userspace otherwise). The netmask is ntohl(svc->netmask): a dotted mask for IPv4;
 * for IPv6 the kernel stores a prefix length there, so "00000040" on a big-endian host or
 * "40000000" on a little-endian one both mean /64. As ipvsadm does, the host mask (/32, /128) is
 * not reported.
 */
import { ParseError } from "../../model/parse-error.ts";
import type { IpvsListing, VirtualService } from "../../model/ipvs.ts";
import { decimalAt, forwardOf, hexAt, procHostPortAt } from "./fields.ts";
import { lineAfterEnd, sourceLines } from "./lines.ts";
import { listFormOf, parseBanner } from "./list-header.ts";

export interface ProcIpVsOptions {
  /** The host kernel's HZ: converts the persistence timeout from jiffies to seconds. */
  hz?: number;
}

const PROTOCOLS: Record<string, VirtualService["protocol"]> = { TCP: "tcp", UDP: "udp", SCTP: "sctp" };
const INT_MAX = 2147483647;
// "wlc", "sh", "mh" (kernel scheduler names)
const SCHEDULER = /^[A-Za-z0-9_-]{1,16}$/;

interface Pending {
  service: VirtualService;
  line: number;
  maskHex?: number;
}

export function parseProcIpVs(text: string, options: ProcIpVsOptions = {}): IpvsListing {
  const { hz } = options;
  if (hz !== undefined && !(Number.isInteger(hz) && hz > 0))
    throw new RangeError(`hz must be a positive integer, got ${hz}`);
  const lines = sourceLines(text);
  const banner = parseBanner(lines[0]);
  const start = banner ? 1 : 0;
  if (listFormOf(lines[start], lines[start + 1]) !== "list") {
    const blamed = lines[start] ?? lines[start + 1];
    throw new ParseError(
      blamed?.number ?? lineAfterEnd(text),
      "/proc/net/ip_vs title (Prot LocalAddress:Port Scheduler Flags)",
      blamed?.text ?? "end of input",
    );
  }
  const listing: IpvsListing = { form: "list", services: [] };
  if (banner) Object.assign(listing, banner);
  const pending: Pending[] = [];
  for (const { tokens, number, text: row } of lines.slice(start + 2)) {
    if (tokens[0] === "->") {
      const current = pending[pending.length - 1];
      if (!current) throw new ParseError(number, "a service line before its destinations", row);
      if (tokens.length !== 6)
        throw new ParseError(number, "6 fields: -> HEXADDR:PORT Forward Weight ActiveConn InActConn", row);
      const { address, port } = procHostPortAt(tokens[1], number, "real server");
      current.service.realServers.push({
        address,
        port,
        ...forwardOf(tokens[2] as string),
        weight: decimalAt(tokens[3], number, "weight", INT_MAX),
        activeConns: decimalAt(tokens[4], number, "ActiveConn", INT_MAX),
        inactiveConns: decimalAt(tokens[5], number, "InActConn", INT_MAX),
      });
      if (current.service.protocol === "fwmark" && address.includes(":")) current.service.family = "inet6";
    } else {
      pending.push(readService(tokens, number, row, hz));
    }
  }
  listing.services = pending.map(applyNetmask);
  return listing;
}

function readService(tokens: readonly string[], line: number, row: string, hz: number | undefined): Pending {
  const [kind, where] = tokens;
  let service: VirtualService;
  if (kind === "FWM") {
    const fwmark = hexAt(where, line, "firewall mark (8 hex digits)", 8);
    service = { protocol: "fwmark", family: "inet", fwmark, scheduler: "", flags: [], realServers: [] };
  } else {
    const protocol = kind === undefined ? undefined : PROTOCOLS[kind];
    if (!protocol) throw new ParseError(line, "service line starting with TCP, UDP, SCTP or FWM", row);
    const { address, port, family } = procHostPortAt(where, line, "virtual service");
    service = { protocol, family, address, port, scheduler: "", flags: [], realServers: [] };
  }
  let i = 2;
  const scheduler = tokens[i++];
  if (scheduler === undefined || !SCHEDULER.test(scheduler))
    throw new ParseError(line, "scheduler name", scheduler ?? "end of line");
  service.scheduler = scheduler;
  if (tokens[i] === "ops") {
    service.flags.push("ops");
    i++;
  }
  const result: Pending = { service, line };
  if (tokens[i] === "persistent") {
    const jiffies = decimalAt(tokens[i + 1], line, "persistence timeout in jiffies");
    result.maskHex = hexAt(tokens[i + 2], line, "persistence netmask (8 hex digits)", 8);
    service.persistentJiffies = jiffies;
    if (hz !== undefined) service.persistent = jiffies / hz;
    i += 3;
  }
  if (i !== tokens.length)
    throw new ParseError(
      line,
      "end of service line after SCHED [ops] [persistent JIFFIES MASKHEX]",
      tokens.slice(i).join(" "),
    );
  return result;
}

/** Netmask text once the family is known (an FWM service learns it from its destinations). */
function applyNetmask({ service, line, maskHex }: Pending): VirtualService {
  if (maskHex === undefined) return service;
  if (service.family === "inet") {
    if (maskHex !== 0xffffffff) {
      service.netmask = [
        maskHex >>> 24,
        (maskHex >>> 16) & 0xff,
        (maskHex >>> 8) & 0xff,
        maskHex & 0xff,
      ].join(".");
    }
    return service;
  }
  // ntohl() of a host-order prefix length: as is on big-endian, byte-swapped on little-endian.
  const swapped =
    ((maskHex & 0xff) << 24) |
    (((maskHex >>> 8) & 0xff) << 16) |
    (((maskHex >>> 16) & 0xff) << 8) |
    (maskHex >>> 24);
  const prefix = maskHex <= 128 ? maskHex : swapped >>> 0 <= 128 ? swapped >>> 0 : undefined;
  if (prefix === undefined)
    throw new ParseError(
      line,
      "an IPv6 persistence prefix length (0..128)",
      maskHex.toString(16).toUpperCase().padStart(8, "0"),
    );
  if (prefix !== 128) service.netmask = String(prefix);
  return service;
}
