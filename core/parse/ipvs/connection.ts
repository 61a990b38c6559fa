/**
 * What `ipvsadm -Lnc` and /proc/net/ip_vs_conn rows share: protocol and state words, and the
 * persistence-template rule. Templates carry client port 0 (ip_vs_sched_persist() in
 * ip_vs_core.c); ip_vs_state_name() names their state from ip_vs_ctpl_state_name_table
 * (ip_vs_proto.c): "NONE", or on newer kernels "ASSURED" once the template has been used
 * (IP_VS_CTPL_S_ASSURED; seen in the lab on 6.1: `TCP 04:53  ASSURED     198.51.100.0:0 ...`).
 * That table allows "words separated with ','", so commas are accepted in states.
 */
import { ParseError } from "../../model/parse-error.ts";
import type { IpvsConnection } from "../../model/ipvs.ts";

// ip_vs_proto_name(): TCP, UDP, SCTP, ICMP, ICMPv6, "IP" (fwmark templates) or "IP_<n>"
const PROTOCOL = /^(?:TCP|UDP|SCTP|ICMP|ICMPv6|IP|IP_\d+)$/;
// tcp_state_name_table etc.: ESTABLISHED, SYN_RECV, TIME_WAIT, NONE, ASSURED, UDP, ERR!, ...
const STATE = /^[A-Z][A-Z0-9_!]*(?:,[A-Z][A-Z0-9_!]*)*$/;
const TEMPLATE_STATES = new Set(["NONE", "ASSURED"]);

export function protocolAt(token: string | undefined, line: number): string {
  if (token === undefined || !PROTOCOL.test(token))
    throw new ParseError(line, "protocol (TCP, UDP, SCTP, IP, ...)", token ?? "end of line");
  return token.toLowerCase();
}

export function stateAt(token: string | undefined, line: number): string {
  if (token === undefined || !STATE.test(token))
    throw new ParseError(line, "connection state (ESTABLISHED, NONE, ...)", token ?? "end of line");
  return token;
}

type Endpoint = IpvsConnection["client"];

export function connection(
  protocol: string,
  client: Endpoint,
  virtual: Endpoint,
  destination: Endpoint,
  state: string,
  expiresSeconds: number,
): IpvsConnection {
  return {
    protocol,
    client,
    virtual,
    destination,
    state,
    expiresSeconds,
    template: client.port === 0 && state.split(",").some((word) => TEMPLATE_STATES.has(word)),
  };
}
