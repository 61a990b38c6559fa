/**
 * The operator's names for services and backends (DESIGN.md §9), validated into typed targets:
 *   192.0.2.1:80  udp:192.0.2.1:53  sctp:192.0.2.1:9  [2001:db8::1]:443  fwm:7  fwm:7:ipv6  haproxy:be_app
 * Anything else is refused before a connection is made.
 */
import { parseHostPort } from "../model/address.ts";
import type { AddressFamily } from "../model/ipvs.ts";
import {
  firewallMark,
  haproxyName,
  ipAddress,
  port,
  ValidationError,
  type FirewallMark,
  type HaproxyName,
  type IpAddress,
  type Port,
} from "./validated.ts";

export type IpvsServiceTarget =
  | { kind: "ipvs"; protocol: "tcp" | "udp" | "sctp"; family: AddressFamily; address: IpAddress; port: Port }
  | { kind: "ipvs"; protocol: "fwmark"; family: AddressFamily; fwmark: FirewallMark };

export type ServiceTarget = IpvsServiceTarget | { kind: "haproxy"; backend: HaproxyName };

export interface IpvsBackendTarget {
  address: IpAddress;
  port: Port;
  family: AddressFamily;
}

function hostPort(text: string, what: string): { address: IpAddress; port: Port; family: AddressFamily } {
  const parsed = parseHostPort(text);
  if (!parsed) throw new ValidationError(`${what} must be ADDR:PORT or [IPv6]:PORT, not ${JSON.stringify(text)}`);
  return { address: ipAddress(parsed.address), port: port(parsed.port), family: parsed.family };
}

export function parseServiceTarget(text: string): ServiceTarget {
  // haproxy:be_app
  if (text.startsWith("haproxy:")) return { kind: "haproxy", backend: haproxyName(text.slice("haproxy:".length)) };
  // fwm:7 or fwm:7:ipv6
  const fwm = /^fwm:(\d{1,10})(:ipv6)?$/.exec(text);
  if (fwm) {
    return { kind: "ipvs", protocol: "fwmark", fwmark: firewallMark(fwm[1]), family: fwm[2] ? "inet6" : "inet" };
  }
  // udp:192.0.2.1:53 / sctp:[2001:db8::1]:9 / 192.0.2.1:80 (tcp implied) / tcp:...
  const prefixed = /^(tcp|udp|sctp):(.*)$/s.exec(text);
  const protocol = (prefixed?.[1] ?? "tcp") as "tcp" | "udp" | "sctp";
  return { kind: "ipvs", protocol, ...hostPort(prefixed ? (prefixed[2] ?? "") : text, "a service") };
}

export function parseIpvsBackendTarget(text: string): IpvsBackendTarget {
  return hostPort(text, "a backend");
}
