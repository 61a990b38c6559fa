/**
 * Values that passed validation. Command builders take only these branded types, so a raw string
 * from a user, a config file or the network cannot reach a builder without going through here.
 */
import { canonicalAddress, familyOf } from "../model/address.ts";
import type { AddressFamily } from "../model/ipvs.ts";

declare const brand: unique symbol;
type Branded<T, B extends string> = T & { readonly [brand]: B };

export type IpAddress = Branded<string, "IpAddress">;
export type Port = Branded<number, "Port">;
export type IpvsWeight = Branded<number, "IpvsWeight">;
export type FirewallMark = Branded<number, "FirewallMark">;
export type HaproxyName = Branded<string, "HaproxyName">;
export type HaproxyWeight = Branded<number, "HaproxyWeight">;

export class ValidationError extends Error {
  override name = "ValidationError";
}

function integerIn(value: unknown, min: number, max: number, what: string): number {
  const number = typeof value === "string" && /^\d{1,10}$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || number < min || number > max) {
    throw new ValidationError(`${what} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
  }
  return number;
}

export function ipAddress(text: string): IpAddress {
  const canonical = canonicalAddress(text);
  if (canonical === undefined) throw new ValidationError(`not an IPv4 or IPv6 address: ${JSON.stringify(text)}`);
  return canonical as IpAddress;
}

export function addressFamily(address: IpAddress): AddressFamily {
  return familyOf(address) ?? "inet";
}

export function port(value: unknown): Port {
  return integerIn(value, 0, 65535, "a port") as Port;
}

/** ipvsadm(8): weights are 0..65535; 0 = quiescent (no new connections). */
export function ipvsWeight(value: unknown): IpvsWeight {
  return integerIn(value, 0, 65535, "an IPVS weight") as IpvsWeight;
}

export function firewallMark(value: unknown): FirewallMark {
  return integerIn(value, 1, 0xffffffff, "a firewall mark") as FirewallMark;
}

/** HAProxy runtime API: weights 0..256 (management.txt, "set weight"). */
export function haproxyWeight(value: unknown): HaproxyWeight {
  return integerIn(value, 0, 256, "an HAProxy weight") as HaproxyWeight;
}

/**
 * HAProxy proxy and server names: the config parser accepts letters, digits, '-', '_', '.' and ':'
 * (invalid_char() in HAProxy's tools.c). Nothing else can name a real one, so nothing else passes.
 * A leading '-' is refused too, so a name can never be read as an option if it ever lands in argv.
 */
export function haproxyName(text: string): HaproxyName {
  if (!/^[A-Za-z0-9_.:][A-Za-z0-9_.:-]{0,127}$/.test(text)) {
    throw new ValidationError(`not a valid HAProxy name: ${JSON.stringify(text)}`);
  }
  return text as HaproxyName;
}
