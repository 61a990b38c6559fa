/**
 * The "LVS Topology" section of keepalived's checker dump (keepalived_check.data in 2.x, after
 * SIGUSR1). Format: dump_vs() and dump_rs() in keepalived/check/check_data.c (2.2.x): a
 * " VS VIP = A, VPORT = P" (or " VS FWMARK = N", " VS GROUP = ...") line per virtual server, its
 * "   protocol = TCP" line, then per real server "   RIP = A, RPORT = P, WEIGHT = W" (2.3 appends
 * " EFF WEIGHT = E") followed by "   alive = 0|1".
 */
import { canonicalAddress, formatHostPort } from "../../model/address.ts";
import type { KeepalivedVirtualServerRef } from "../../model/keepalived.ts";
import { ParseError } from "../../model/parse-error.ts";
import { parseCount, parseSigned } from "../host/text.ts";

export interface NumberedLine {
  text: string;
  lineNo: number;
}

// " VS VIP = 192.0.2.10, VPORT = 80"
const VS_VIP = /^\s*VS VIP = (\S+), VPORT = (\d+)\s*$/;
// " VS FWMARK = 1"
const VS_FWMARK = /^\s*VS FWMARK = (\d+)\s*$/;
// " VS GROUP = [web]:80"
const VS_GROUP = /^\s*VS GROUP = (.+?)\s*$/;
// "   protocol = TCP"
const PROTOCOL = /^\s*protocol = (\S+)\s*$/;
// "   RIP = 192.168.1.10, RPORT = 80, WEIGHT = 1", "... WEIGHT = 1 EFF WEIGHT = 1"
const REAL_SERVER = /^\s*RIP = (\S+), RPORT = (\d+), WEIGHT = (-?\d+)(?: EFF WEIGHT = -?\d+)?\s*$/;
// "   alive = 1"
const ALIVE = /^\s*alive = (\d+)\s*$/;

export function parseLvsTopology(lines: readonly NumberedLine[]): KeepalivedVirtualServerRef[] {
  const services: KeepalivedVirtualServerRef[] = [];
  let service: KeepalivedVirtualServerRef | undefined;
  let realServer: KeepalivedVirtualServerRef["realServers"][number] | undefined;
  for (const { text, lineNo } of lines) {
    let match: RegExpExecArray | null;
    if ((match = VS_VIP.exec(text))) {
      const address = canonicalAddress(match[1] ?? "");
      if (address === undefined) throw new ParseError(lineNo, "a virtual server IP address", text);
      service = { key: formatHostPort(address, parseCount(match[2] ?? "", lineNo, "VPORT")), realServers: [] };
    } else if ((match = VS_FWMARK.exec(text))) {
      service = { key: `FWM ${parseCount(match[1] ?? "", lineNo, "fwmark")}`, realServers: [] };
    } else if ((match = VS_GROUP.exec(text))) {
      service = { key: match[1] ?? "", realServers: [] };
    } else {
      if ((match = PROTOCOL.exec(text)) && service && !realServer) {
        service.protocol = (match[1] ?? "").toLowerCase();
      } else if ((match = REAL_SERVER.exec(text))) {
        if (!service) throw new ParseError(lineNo, "a 'VS ...' line before the first real server", text);
        const address = canonicalAddress(match[1] ?? "");
        if (address === undefined) throw new ParseError(lineNo, "a real server IP address", text);
        realServer = {
          address,
          port: parseCount(match[2] ?? "", lineNo, "RPORT"),
          weight: parseSigned(match[3] ?? "", lineNo, "WEIGHT"),
        };
        service.realServers.push(realServer);
      } else if ((match = ALIVE.exec(text)) && realServer) {
        realServer.alive = match[1] !== "0";
      }
      continue;
    }
    services.push(service);
    realServer = undefined;
  }
  return services;
}
