/**
 * Field readers shared by the IPVS parsers. Each one returns the value or throws ParseError with
 * the line number, so the parsers stay a list of "this token is that field".
 */
import {
  ipv4FromHex,
  isIpv4,
  ipv6Groups,
  formatIpv6,
  parseHostPort,
  type HostPort,
} from "../../model/address.ts";
import { ParseError } from "../../model/parse-error.ts";
import type { ForwardMethod } from "../../model/ipvs.ts";

const U64_MAX = 18446744073709551615n;

// "582893" (no sign, no spaces; ipvsadm prints %u / %d / %llu)
const DECIMAL = /^\d+$/;
// "0CEA", "E33656E5" (procfs prints %04X / %08X / %8LX)
const HEX = /^[0-9A-Fa-f]+$/;

/** A decimal integer in [0, max] (max at most 2^53 - 1). */
export function decimalAt(
  token: string | undefined,
  line: number,
  expected: string,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (token === undefined || !DECIMAL.test(token) || token.length > 16)
    throw new ParseError(line, expected, token ?? "end of line");
  const value = Number(token);
  if (value > max) throw new ParseError(line, `${expected} (at most ${max})`, token);
  return value;
}

/** A decimal u64 as bigint, never through a JS number. */
export function decimalBigAt(token: string | undefined, line: number, expected: string): bigint {
  if (token === undefined || !DECIMAL.test(token))
    throw new ParseError(line, expected, token ?? "end of line");
  const value = BigInt(token);
  if (value > U64_MAX) throw new ParseError(line, `${expected} (a 64-bit counter)`, token);
  return value;
}

/** A hex u64 as bigint ("51D8C8883AB3"). */
export function hexBigAt(token: string | undefined, line: number, expected: string): bigint {
  if (token === undefined || !HEX.test(token) || token.length > 16)
    throw new ParseError(line, expected, token ?? "end of line");
  return BigInt(`0x${token}`);
}

/** A hex integer of exactly `digits` digits, as the kernel's %04X / %08X print it ("0CEA" = 3306). */
export function hexAt(token: string | undefined, line: number, expected: string, digits: number): number {
  if (token === undefined || !HEX.test(token) || token.length !== digits)
    throw new ParseError(line, expected, token ?? "end of line");
  return parseInt(token, 16);
}

// "192.0.2.1:80": inet_ntop() output is already canonical (no leading zeros), so the common IPv4
// case is checked with one pattern instead of the general parser (10,000-row listings, DESIGN §8).
const IPV4_OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4_HOST_PORT = new RegExp(`^(${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}):(\\d{1,5})$`);

/** ipvsadm -n address:port, "192.0.2.1:80" or "[2001:db8::1]:80", canonicalised. */
export function hostPortAt(token: string | undefined, line: number, what: string): HostPort {
  const v4 = token === undefined ? null : IPV4_HOST_PORT.exec(token);
  if (v4) {
    const port = Number(v4[2]);
    if (port <= 65535) return { address: v4[1] as string, port, family: "inet" };
  }
  const parsed = token === undefined ? undefined : parseHostPort(token);
  if (!parsed) {
    throw new ParseError(
      line,
      `${what} as numeric ADDRESS:PORT (ipvsadm must run with -n)`,
      token ?? "end of line",
    );
  }
  return parsed;
}

/**
 * A procfs address: 8 hex digits for IPv4 ("C0A80016"), or IPv6 as the kernel's %pI6 prints it
 * (8 colon-separated groups of 4 hex digits), with or without brackets. Canonical text out.
 */
export function procAddressAt(
  token: string | undefined,
  line: number,
  what: string,
): { address: string; family: "inet" | "inet6" } {
  if (token !== undefined) {
    const v4 = ipv4FromHex(token);
    if (v4 !== undefined) return { address: v4, family: "inet" };
    const bare = token.startsWith("[") && token.endsWith("]") ? token.slice(1, -1) : token;
    if (/^[0-9A-Fa-f]{4}(:[0-9A-Fa-f]{4}){7}$/.test(bare)) {
      const groups = ipv6Groups(bare);
      if (groups) return { address: formatIpv6(groups), family: "inet6" };
    }
  }
  throw new ParseError(
    line,
    `${what} as procfs hex address (C0A80016 or 8 groups of 4 hex digits)`,
    token ?? "end of line",
  );
}

/** procfs "ADDR:PORT" of /proc/net/ip_vs: "C0A80016:0CEA" or "[2620:0000:...:0001]:0050". */
export function procHostPortAt(token: string | undefined, line: number, what: string): HostPort {
  const colon = token?.lastIndexOf(":") ?? -1;
  if (token === undefined || colon < 0)
    throw new ParseError(line, `${what} as HEXADDR:HEXPORT`, token ?? "end of line");
  const addressPart = token.slice(0, colon);
  if (addressPart.includes(":") && !addressPart.startsWith("["))
    throw new ParseError(line, `${what} with a bracketed IPv6 address`, token);
  const { address, family } = procAddressAt(addressPart, line, what);
  const port = hexAt(token.slice(colon + 1), line, `${what} port (4 hex digits)`, 4);
  return { address, port, family };
}

/** An IPv4 netmask as dotted quad ("255.255.255.0"). */
export function dottedMaskAt(token: string | undefined, line: number): string {
  if (token === undefined || !isIpv4(token))
    throw new ParseError(line, "dotted IPv4 netmask", token ?? "end of line");
  return token.split(".").map(Number).join(".");
}

// Forwarding names: ipvsadm fwd_name() (Masq, Local, Tunnel, Route; "(null)" for anything else,
// printed by glibc for a NULL %s), kernel ip_vs_fwd_name() (same words), dpvs/Alibaba LVS FullNat
// and SNAT, and "Bypass" from older kernels' procfs.
export const FORWARD_NAMES: Readonly<Record<string, ForwardMethod>> = {
  Masq: "masq",
  Route: "route",
  Tunnel: "tunnel",
  Local: "local",
  Bypass: "bypass",
  FullNat: "fullnat",
  SNAT: "snat",
};

export function forwardOf(word: string): { forward: ForwardMethod; forwardRaw?: string } {
  const known = Object.hasOwn(FORWARD_NAMES, word) ? FORWARD_NAMES[word] : undefined;
  return known ? { forward: known } : { forward: "unknown", forwardRaw: word };
}
