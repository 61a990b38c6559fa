/**
 * The virtual-service line of ipvsadm listings: print_service_entry() in ipvsadm.c (1.31).
 *
 * Head, shared by every list form:
 *   "%-4s %s" protocol and ADDR:PORT      TCP  10.0.2.15:80 / SCTP [2001:db8::1]:80
 *   "FWM  %u" / "FWM  %u IPv6"            FWM  1 / FWM  1 IPv6
 * Tail of the default, --persistent-conn, --thresholds and --tun-info forms:
 *   <sched> [(<flag>,<flag>)] [persistent <sec> [mask <m>] [pe <name>]] [ops]
 *   TCP  10.10.40.42:8066 wlc persistent 1800
 *   TCP  10.0.0.1:80 sh (sh-fallback,sh-port) persistent 300 mask 255.255.255.0 pe sip
 * The mask is dotted for IPv4 (inet_ntoa) and a prefix length for IPv6 ("%i"); ipvsadm prints
 * it only when it is not the host mask.
 */
import { ParseError } from "../../model/parse-error.ts";
import type { AddressFamily, IpvsProtocol } from "../../model/ipvs.ts";
import { decimalAt, dottedMaskAt, hostPortAt } from "./fields.ts";

export interface ServiceHead {
  protocol: IpvsProtocol;
  family: AddressFamily;
  address?: string;
  port?: number;
  fwmark?: number;
  /** How many tokens the head used. */
  consumed: number;
}

export interface ServiceTail {
  scheduler: string;
  flags: string[];
  persistent?: number;
  netmask?: string;
  pe?: string;
}

const PROTOCOLS: Record<string, IpvsProtocol> = { TCP: "tcp", UDP: "udp", SCTP: "sctp" };
const U32_MAX = 4294967295;

export function parseServiceHead(tokens: readonly string[], line: number): ServiceHead {
  const [first, second, third] = tokens;
  if (first === "FWM") {
    const fwmark = decimalAt(second, line, "decimal firewall mark", U32_MAX);
    const inet6 = third === "IPv6";
    return { protocol: "fwmark", family: inet6 ? "inet6" : "inet", fwmark, consumed: inet6 ? 3 : 2 };
  }
  const protocol = first === undefined ? undefined : PROTOCOLS[first];
  if (!protocol)
    throw new ParseError(line, "service line starting with TCP, UDP, SCTP or FWM", tokens.join(" "));
  const { address, port, family } = hostPortAt(second, line, "virtual service");
  return { protocol, family, address, port, consumed: 2 };
}

// "(sh-fallback,sh-port)" -> ["sh-fallback", "sh-port"]
const SCHED_FLAGS = /^\(([a-z0-9-]+(?:,[a-z0-9-]+)*)\)$/;
// "rr", "wlc", "mh", "twos" (kernel scheduler names; IP_VS_SCHEDNAME_MAXLEN 16)
const SCHEDULER = /^[A-Za-z0-9_-]{1,16}$/;
// "sip" (IP_VS_PENAME_MAXLEN 16)
const PE_NAME = /^[A-Za-z0-9_-]{1,16}$/;

export function parseServiceTail(
  tokens: readonly string[],
  line: number,
  family: AddressFamily,
): ServiceTail {
  let i = 0;
  const scheduler = tokens[i++];
  if (scheduler === undefined || !SCHEDULER.test(scheduler))
    throw new ParseError(line, "scheduler name", scheduler ?? "end of line");
  const tail: ServiceTail = { scheduler, flags: [] };
  const flagsMatch = tokens[i] === undefined ? null : SCHED_FLAGS.exec(tokens[i] as string);
  if (flagsMatch) {
    tail.flags.push(...(flagsMatch[1] as string).split(","));
    i++;
  }
  if (tokens[i] === "persistent") {
    tail.persistent = decimalAt(tokens[i + 1], line, "persistence timeout in seconds");
    i += 2;
    if (tokens[i] === "mask") {
      tail.netmask =
        family === "inet"
          ? dottedMaskAt(tokens[i + 1], line)
          : String(decimalAt(tokens[i + 1], line, "IPv6 prefix length", 128));
      i += 2;
    }
    if (tokens[i] === "pe") {
      const pe = tokens[i + 1];
      if (pe === undefined || !PE_NAME.test(pe))
        throw new ParseError(line, "persistence engine name", pe ?? "end of line");
      tail.pe = pe;
      i += 2;
    }
  }
  if (tokens[i] === "ops") {
    tail.flags.push("ops");
    i++;
  }
  if (i !== tokens.length) {
    throw new ParseError(
      line,
      "end of service line after [(flags)] [persistent N [mask M] [pe NAME]] [ops]",
      tokens.slice(i).join(" "),
    );
  }
  return tail;
}
