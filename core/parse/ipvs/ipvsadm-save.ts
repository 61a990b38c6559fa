/**
 * `ipvsadm-save -n` / `ipvsadm -Sn`: the rules that `ipvsadm -R` reads back. Format:
 * print_service_entry() with FMT_RULE, print_tunnel_rule(), fwd_switch() and print_sched_flags()
 * in ipvsadm.c (ipvsadm 1.31); options in ipvsadm(8).
 *
 *   -A -t|-u|--sctp-service ADDR:PORT | -f MARK [-6] -s SCHED [-p T [-M MASK]] [--pe NAME] [-o] [-b FLAGS]
 *   -A -t 10.0.0.1:80 -s sh -p 300 -M 255.255.255.0 --pe sip -b sh-fallback,sh-port
 *   -a SERVICE -r ADDR:PORT -g|-i|-m -w W [-x U] [-y L] [--tun-type T [--tun-port P] [--tun-*csum]]
 *   -a -t 10.0.0.1:80 -r 10.0.0.2:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum
 *   -a -t 10.10.11.77:80 -r 10.10.11.66:80 (null) -w 100      (fwd_switch() NULL on a FullNAT kernel)
 *
 * fwd_switch() prints -g for both Route and Local, so a saved Local server reads back as route.
 * The rules carry no counters: activeConns/inactiveConns are 0 and listed in notPrinted.
 * Long option names (--tcp-service, --weight, ...) are accepted too, as ipvsadm -R accepts them.
 */
import { ParseError } from "../../model/parse-error.ts";
import { requireCompleteOutput } from "../host/text.ts";
import type { ForwardMethod, IpvsProtocol, RealServer, VirtualService } from "../../model/ipvs.ts";
import { serviceKey } from "../../model/service-key.ts";
import { decimalAt, dottedMaskAt, hostPortAt } from "./fields.ts";
import { sourceLines } from "./lines.ts";

const SERVICE_OPTIONS: Record<string, IpvsProtocol> = {
  "-t": "tcp",
  "--tcp-service": "tcp",
  "-u": "udp",
  "--udp-service": "udp",
  "--sctp-service": "sctp",
  "-f": "fwmark",
  "--fwmark-service": "fwmark",
};
const FORWARD_SWITCHES: Record<string, ForwardMethod> = {
  "-g": "route",
  "--gatewaying": "route",
  "-i": "tunnel",
  "--ipip": "tunnel",
  "-m": "masq",
  "--masquerading": "masq",
};
// --tun-info spells the checksum flags as tunflags[] in ipvsadm.c: -c, +c, r+c.
const TUNNEL_CSUM: Record<string, string> = {
  "--tun-nocsum": "-c",
  "--tun-csum": "+c",
  "--tun-remcsum": "r+c",
};
const U32_MAX = 4294967295;
const INT_MAX = 2147483647;

type Key = Pick<VirtualService, "protocol" | "family" | "address" | "port" | "fwmark">;

class Rule {
  private i = 1;
  readonly tokens: readonly string[];
  readonly line: number;

  constructor(tokens: readonly string[], line: number) {
    this.tokens = tokens;
    this.line = line;
  }

  get done(): boolean {
    return this.i >= this.tokens.length;
  }

  next(): string {
    return this.tokens[this.i++] as string;
  }

  peek(): string | undefined {
    return this.tokens[this.i];
  }

  argument(option: string): string {
    const value = this.tokens[this.i++];
    if (value === undefined) throw new ParseError(this.line, `a value after ${option}`, "end of line");
    return value;
  }
}

/**
 * ipvsadm -Sn prints nothing for an empty table, so an empty text is refused: alone it cannot be
 * told from output that was lost. A caller that knows the command completed (its exit status, a
 * section's end marker) and printed nothing reads that as no services without calling this.
 */
export function parseIpvsadmSave(text: string): VirtualService[] {
  requireCompleteOutput(text, "ipvsadm -Sn output");
  const services = new Map<string, VirtualService>();
  for (const line of sourceLines(text)) {
    const rule = new Rule(line.tokens, line.number);
    const command = line.tokens[0];
    if (command === "-A" || command === "--add-service") {
      const service = readServiceRule(rule);
      const key = serviceKey(service);
      if (services.has(key)) throw new ParseError(line.number, "each service added once", line.text);
      services.set(key, service);
    } else if (command === "-a" || command === "--add-server") {
      const { key, server } = readServerRule(rule);
      const service = services.get(serviceKey(key));
      if (!service)
        throw new ParseError(line.number, "an -A rule for this service before its -a rules", line.text);
      service.realServers.push(server);
    } else {
      throw new ParseError(line.number, "a rule starting with -A or -a", line.text);
    }
  }
  return [...services.values()];
}

// "-t 10.0.0.1:80" | "-f 1" (then an optional "-6" anywhere before the end of the rule)
function readServiceKey(rule: Rule, option: string, protocol: IpvsProtocol): Key {
  const value = rule.argument(option);
  if (protocol === "fwmark") {
    return {
      protocol,
      family: "inet",
      fwmark: decimalAt(value, rule.line, "decimal firewall mark", U32_MAX),
    };
  }
  const { address, port, family } = hostPortAt(value, rule.line, "virtual service");
  return { protocol, family, address, port };
}

function readServiceRule(rule: Rule): VirtualService {
  let key: Key | undefined;
  let inet6 = false;
  const service: Omit<VirtualService, keyof Key> = { scheduler: "", flags: [], realServers: [] };
  let netmask: string | undefined;
  while (!rule.done) {
    const option = rule.next();
    const protocol = SERVICE_OPTIONS[option];
    if (protocol && !key) key = readServiceKey(rule, option, protocol);
    else if (option === "-6" || option === "--ipv6") inet6 = true;
    else if (option === "-s" || option === "--scheduler") service.scheduler = rule.argument(option);
    else if (option === "-p" || option === "--persistent")
      service.persistent = decimalAt(rule.argument(option), rule.line, "persistence timeout in seconds");
    else if (option === "-M" || option === "--netmask") netmask = rule.argument(option);
    else if (option === "--pe") service.pe = rule.argument(option);
    else if (option === "-o" || option === "--ops") service.flags.push("ops");
    else if (option === "-b" || option === "--sched-flags") {
      // print_sched_flags() can print nothing after "-b " (flag bits its scheduler does not name).
      const flags = rule.peek();
      if (flags !== undefined && !flags.startsWith("-")) service.flags.unshift(...rule.next().split(","));
    } else
      throw new ParseError(
        rule.line,
        "a service option (-t -u --sctp-service -f -6 -s -p -M --pe -o -b)",
        option,
      );
  }
  if (!key)
    throw new ParseError(rule.line, "a service (-t, -u, --sctp-service or -f)", rule.tokens.join(" "));
  if (inet6) {
    if (key.protocol !== "fwmark")
      throw new ParseError(rule.line, "-6 only with -f (an address says its family)", rule.tokens.join(" "));
    key.family = "inet6";
  }
  if (service.scheduler === "")
    throw new ParseError(rule.line, "-s SCHEDULER (ipvsadm -S always prints it)", rule.tokens.join(" "));
  if (netmask !== undefined) {
    service.netmask =
      key.family === "inet"
        ? dottedMaskAt(netmask, rule.line)
        : String(decimalAt(netmask, rule.line, "IPv6 prefix length", 128));
  }
  return { ...key, ...service };
}

function readServerRule(rule: Rule): { key: Key; server: RealServer } {
  let key: Key | undefined;
  let inet6 = false;
  let target: { address: string; port: number } | undefined;
  let forward: Pick<RealServer, "forward" | "forwardRaw"> | undefined;
  let weight = 1; // ipvsadm's default when -w is absent
  let upper: number | undefined;
  let lower: number | undefined;
  const tunnel: { type?: string; port?: number; csum?: string } = {};
  while (!rule.done) {
    const option = rule.next();
    const protocol = SERVICE_OPTIONS[option];
    if (protocol && !key) key = readServiceKey(rule, option, protocol);
    else if (option === "-6" || option === "--ipv6") inet6 = true;
    else if (option === "-r" || option === "--real-server") {
      const { address, port } = hostPortAt(rule.argument(option), rule.line, "real server");
      target = { address, port };
    } else if (FORWARD_SWITCHES[option] && !forward) forward = { forward: FORWARD_SWITCHES[option] };
    else if (option === "(null)" && !forward) forward = { forward: "unknown", forwardRaw: option };
    else if (option === "-w" || option === "--weight")
      weight = decimalAt(rule.argument(option), rule.line, "weight", INT_MAX);
    else if (option === "-x" || option === "--u-threshold")
      upper = decimalAt(rule.argument(option), rule.line, "upper threshold", U32_MAX);
    else if (option === "-y" || option === "--l-threshold")
      lower = decimalAt(rule.argument(option), rule.line, "lower threshold", U32_MAX);
    else if (option === "--tun-type") tunnel.type = rule.argument(option);
    else if (option === "--tun-port")
      tunnel.port = decimalAt(rule.argument(option), rule.line, "tunnel port", 65535);
    else if (TUNNEL_CSUM[option]) tunnel.csum = TUNNEL_CSUM[option];
    else
      throw new ParseError(
        rule.line,
        "a server option (-t -u --sctp-service -f -r -g -i -m -w -x -y --tun-*)",
        option,
      );
  }
  if (!key)
    throw new ParseError(rule.line, "a service (-t, -u, --sctp-service or -f)", rule.tokens.join(" "));
  if (inet6 && key.protocol === "fwmark") key.family = "inet6";
  if (!target) throw new ParseError(rule.line, "-r ADDR:PORT", rule.tokens.join(" "));
  const server: RealServer = {
    ...target,
    ...(forward ?? { forward: "route" }), // -g is ipvsadm's default method
    weight,
    activeConns: 0,
    inactiveConns: 0,
    notPrinted: ["activeConns", "inactiveConns"],
  };
  if (upper !== undefined) server.upperThreshold = upper;
  if (lower !== undefined) server.lowerThreshold = lower;
  const info = tunnelInfo(tunnel, rule.line);
  if (info !== undefined) server.tunnelInfo = info;
  return { key, server };
}

/** The --tun-info spelling of a saved tunnel: ipip, gue:PORT:FLAGS, gre:FLAGS (fwd_tun_info()). */
function tunnelInfo(
  tunnel: { type?: string; port?: number; csum?: string },
  line: number,
): string | undefined {
  if (tunnel.type === undefined) return undefined;
  if (tunnel.type === "ipip") return "ipip";
  if (tunnel.type === "gue" && tunnel.port !== undefined) return `gue:${tunnel.port}:${tunnel.csum ?? "-c"}`;
  if (tunnel.type === "gre") return `gre:${tunnel.csum ?? "-c"}`;
  throw new ParseError(line, "--tun-type ipip, gue (with --tun-port) or gre", tunnel.type);
}
