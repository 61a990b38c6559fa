/**
 * `ip -o addr show` (also `ip -o -4 addr`, `ip -o -6 addr`): one address per line. Format:
 * iproute2 ip/ipaddress.c (print_addrinfo) and ip-address(8). In one-line mode `ip` joins what
 * would be continuation lines with a backslash, so the lifetimes follow a `\`. IPv4 lines end
 * with the address label (the interface name, or an alias such as eth0:app); IPv6 lines have none.
 */
import { canonicalAddress, familyOf } from "../../model/address.ts";
import type { InterfaceAddress } from "../../model/nic.ts";
import { ParseError } from "../../model/parse-error.ts";
import { requireCompleteOutput, splitLines } from "./text.ts";

// "2: eth0    inet 192.0.2.11/24 scope global secondary eth0:app\       valid_lft forever preferred_lft forever"
// "5: vlan10@eth0    inet6 2001:db8::1/64 scope global nodad \       valid_lft 3594sec preferred_lft 0sec"
const ADDRESS_LINE = /^(\d+):\s+([^\s@]+)(?:@\S+)?\s+(inet6?)\s+(\S+)(.*)$/;

// "198.51.100.1/24", "10.0.0.1" (the prefix is on the peer), "fe80::1/64"
const ADDRESS_WITH_PREFIX = /^([^/]+)(?:\/(\d{1,3}))?$/;

// "forever", "3594sec"
const LIFETIME = /^(forever|(\d+)sec)$/;

/** Keywords `ip` prints with one argument after them. */
const WITH_ARGUMENT = new Set(["peer", "brd", "any", "scope", "metric", "proto"]);

export function parseIpAddr(text: string): InterfaceAddress[] {
  requireCompleteOutput(text, "ip -o addr show output");
  const addresses: InterfaceAddress[] = [];
  splitLines(text).forEach((rawLine, index) => {
    const lineNo = index + 1;
    if (rawLine.trim() === "") return;
    const [main = "", ...continuations] = rawLine.split("\\");
    const match = ADDRESS_LINE.exec(main.trimEnd());
    if (!match) throw new ParseError(lineNo, "'INDEX: IFNAME inet|inet6 ADDRESS/PREFIX ...'", rawLine);
    const [, indexText = "", ifname = "", family = "", addressText = "", restText = ""] = match;
    const entry = parseAddress(addressText, family as "inet" | "inet6", lineNo, rawLine);

    const tokens = restText.trim() === "" ? [] : restText.trim().split(/\s+/);
    const flags: string[] = [];
    let scope: string | undefined;
    let label: string | undefined;
    let peerPrefix: number | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] ?? "";
      if (WITH_ARGUMENT.has(token)) {
        const value = tokens[++i];
        if (value === undefined) throw new ParseError(lineNo, `a value after '${token}'`, rawLine);
        if (token === "scope") scope = value;
        if (token === "peer") peerPrefix = parseAddress(value, family as "inet" | "inet6", lineNo, rawLine).prefixLength;
        continue;
      }
      const isLast = i === tokens.length - 1;
      if (family === "inet" && isLast && (token === ifname || token.startsWith(`${ifname}:`))) {
        label = token;
        continue;
      }
      flags.push(token);
    }
    if (scope === undefined) throw new ParseError(lineNo, "'scope SCOPE'", rawLine);

    const address: InterfaceAddress = {
      ifindex: Number(indexText),
      ifname,
      family: family as "inet" | "inet6",
      address: entry.address,
      prefixLength: entry.prefixLength ?? peerPrefix ?? (family === "inet" ? 32 : 128),
      scope,
      flags,
    };
    if (label !== undefined && label !== ifname) address.label = label;
    readLifetimes(continuations.join(" "), lineNo, rawLine, address);
    addresses.push(address);
  });
  return addresses;
}

function parseAddress(
  text: string,
  family: "inet" | "inet6",
  lineNo: number,
  rawLine: string,
): { address: string; prefixLength?: number } {
  const match = ADDRESS_WITH_PREFIX.exec(text);
  const address = match ? canonicalAddress(match[1] ?? "") : undefined;
  if (!match || address === undefined || familyOf(address) !== family) {
    throw new ParseError(lineNo, `an ${family} address with optional /PREFIX`, rawLine);
  }
  if (match[2] === undefined) return { address };
  const prefixLength = Number(match[2]);
  if (prefixLength > (family === "inet" ? 32 : 128)) throw new ParseError(lineNo, "a prefix length in range", rawLine);
  return { address, prefixLength };
}

// "valid_lft forever preferred_lft forever", "valid_lft 3594sec preferred_lft 0sec"
function readLifetimes(text: string, lineNo: number, rawLine: string, into: InterfaceAddress): void {
  const tokens = text.trim() === "" ? [] : text.trim().split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    const key = tokens[i];
    if (key !== "valid_lft" && key !== "preferred_lft") continue;
    const match = LIFETIME.exec(tokens[++i] ?? "");
    if (!match) throw new ParseError(lineNo, `'forever' or 'Nsec' after ${key}`, rawLine);
    if (match[2] === undefined) continue;
    if (key === "valid_lft") into.validLifetimeSeconds = Number(match[2]);
    else into.preferredLifetimeSeconds = Number(match[2]);
  }
}
