/**
 * IP address validation and canonical forms. One service must have one name whichever source named
 * it: ipvsadm prints compressed IPv6 in brackets, /proc/net/ip_vs prints 8 zero-padded hex groups,
 * and IPv4 in hex. Everything is turned into dotted quads and RFC 5952 text (lower case, no leading
 * zeros, the longest run of two or more zero groups as "::", the first one on a tie).
 * Pure code, no node:net, so the renderer may use it too.
 */
import type { AddressFamily } from "./ipvs.ts";

const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function isIpv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((part) => IPV4_OCTET.test(part));
}

/** The 8 16-bit groups of an IPv6 address, or undefined when the text is not one. */
export function ipv6Groups(text: string): number[] | undefined {
  if (text.length === 0 || text.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  let head = text;
  const tail: number[] = [];
  // An embedded IPv4 tail (::ffff:192.0.2.1) counts as the last two groups.
  const lastColon = text.lastIndexOf(":");
  const maybeV4 = text.slice(lastColon + 1);
  if (maybeV4.includes(".")) {
    if (!isIpv4(maybeV4)) return undefined;
    const octets = maybeV4.split(".").map(Number) as [number, number, number, number];
    tail.push((octets[0] << 8) | octets[1], (octets[2] << 8) | octets[3]);
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
  }
  const doubleColons = head.split("::").length - 1;
  if (doubleColons > 1) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === "") return [];
    const groups = part.split(":");
    if (groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
    return groups.map((g) => parseInt(g, 16));
  };
  let groups: number[];
  if (doubleColons === 1) {
    const [left, right] = head.split("::") as [string, string];
    const leftGroups = parseGroups(left);
    const rightGroups = parseGroups(right);
    if (!leftGroups || !rightGroups) return undefined;
    const missing = 8 - tail.length - leftGroups.length - rightGroups.length;
    if (missing < 1) return undefined;
    groups = [...leftGroups, ...new Array<number>(missing).fill(0), ...rightGroups];
  } else {
    const all = parseGroups(head);
    if (!all) return undefined;
    groups = all;
  }
  groups = [...groups, ...tail];
  return groups.length === 8 ? groups : undefined;
}

export function isIpv6(text: string): boolean {
  return ipv6Groups(text) !== undefined;
}

/** RFC 5952 text of 8 groups. */
export function formatIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  const left = hex.slice(0, bestStart).join(":");
  const right = hex.slice(bestStart + bestLength).join(":");
  return `${left}::${right}`;
}

export function familyOf(address: string): AddressFamily | undefined {
  if (isIpv4(address)) return "inet";
  if (isIpv6(address)) return "inet6";
  return undefined;
}

/** Canonical text of an IPv4 or IPv6 address; undefined when it is neither. */
export function canonicalAddress(text: string): string | undefined {
  if (isIpv4(text)) return text.split(".").map(Number).join(".");
  const groups = ipv6Groups(text);
  return groups ? formatIpv6(groups) : undefined;
}

/** procfs IPv4: 8 hex digits, most significant first ("C0A80016" -> "192.168.0.22"). */
export function ipv4FromHex(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return undefined;
  const value = parseInt(hex, 16);
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join(".");
}

export interface HostPort {
  address: string;
  port: number;
  family: AddressFamily;
}

/**
 * "192.0.2.1:80" or "[2001:db8::1]:80" (ipvsadm and CLI form), canonicalised.
 * Undefined when the text is not exactly that.
 */
export function parseHostPort(text: string): HostPort | undefined {
  let host: string;
  let portText: string;
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close < 0 || text[close + 1] !== ":") return undefined;
    host = text.slice(1, close);
    portText = text.slice(close + 2);
    if (!isIpv6(host)) return undefined;
  } else {
    const colon = text.lastIndexOf(":");
    if (colon < 0) return undefined;
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (!isIpv4(host)) return undefined;
  }
  if (!/^\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText);
  if (port > 65535) return undefined;
  const address = canonicalAddress(host);
  if (address === undefined) return undefined;
  return { address, port, family: isIpv4(address) ? "inet" : "inet6" };
}

/** The inverse of parseHostPort: brackets around IPv6 (shared with the renderer). */
export { formatHostPort } from "../../shared/service-key.ts";
