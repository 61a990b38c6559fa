/**
 * Address text as C code prints it. ipvsadm -n uses glibc inet_ntop(); the kernel's /proc files
 * use %08X for IPv4 and %pI6 (eight zero-padded lower-case groups) for IPv6.
 */
import { formatIpv6, ipv6Groups } from "../model/address.ts";

/** glibc inet_ntop(AF_INET6): RFC 5952 compression, plus the dotted tail of ::ffff:a.b.c.d and ::a.b.c.d. */
export function glibcInet6Ntop(address: string): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  const leadingZeros = groups.findIndex((g) => g !== 0);
  const mapped = leadingZeros === 5 && groups[5] === 0xffff;
  const compatible = leadingZeros === 6;
  if (mapped || compatible) {
    const high = groups[6] as number;
    const low = groups[7] as number;
    const dotted = `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
    return mapped ? `::ffff:${dotted}` : `::${dotted}`;
  }
  return formatIpv6(groups);
}

/** ipvsadm's addrport_to_anyname with FMT_NUMERIC: "192.0.2.1:80", "[2001:db8::1]:80". */
export function numericAddressPort(address: string, port: number, family: "inet" | "inet6"): string {
  return family === "inet6" ? `[${glibcInet6Ntop(address)}]:${port}` : `${address}:${port}`;
}

/** The kernel's %pI6: "2001:0db8:0000:0000:0000:0000:0000:0001". */
export function kernelFullIpv6(address: string): string {
  const groups = ipv6Groups(address) ?? new Array<number>(8).fill(0);
  return groups.map((g) => g.toString(16).padStart(4, "0")).join(":");
}
