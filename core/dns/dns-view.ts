/**
 * The DNS tier beside what Fulcrum follows: each address a name resolves to, matched to the VIPs
 * of the followed hosts (IPVS services, keepalived's virtual_ipaddress) with who holds it now and
 * how many weighted backends stand behind it, the share of new connections each VIP really gets
 * beside the equal share round robin gives it, and warnings in plain words. Pure.
 */
import type { HostSnapshot } from "../api.ts";
import { serviceKey } from "../../shared/service-key.ts";
import type { DnsAnswer } from "./dns-lookup.ts";

export type DnsWarningCode =
  /** The name points at an address no followed host holds: clients sent there fail. */
  | "vip-not-held"
  /** The VIP is held, but none of its services has a backend with weight above 0: clients fail. */
  | "vip-no-weighted-backend"
  /** Every address of the name is on one director: no redundancy at the DNS tier. */
  | "single-director"
  /** How long caches keep the answer after a failover or a removal. */
  | "ttl"
  /** The resolver's answer is not the authoritative servers' (a stale cache, or split horizon). */
  | "resolver-differs"
  /** A lookup failed (NXDOMAIN, SERVFAIL, timeout, refused, no data): shown as such. */
  | "lookup-failed"
  /** A followed VIP that no watched name points at. */
  | "vip-unnamed";

/** Warnings that mean clients sent by DNS fail now: `fulcrum dns` exits 1 on them. */
export const CLIENTS_FAIL: ReadonlySet<DnsWarningCode> = new Set(["vip-not-held", "vip-no-weighted-backend"]);

export type DnsWarning = { code: DnsWarningCode; message: string };

export type VipState = {
  /** Hosts holding the address now: VRRP MASTER with it, else a host with an IPVS service on it. */
  heldBy: string[];
  services: string[];
  weightedBackends: number;
  /** New connections per second into the VIP's services, when rates are known. */
  cps: number | undefined;
};

export type DnsAddressView = {
  address: string;
  family: "A" | "AAAA";
  ttl: number;
  vip: VipState;
  /** The share round robin gives this address among the name's addresses of its family. */
  dnsShare: number;
  /** The share of the name's new connections this VIP actually received, when rates are known. */
  trafficShare: number | undefined;
};

export type DnsNameView = {
  name: string;
  resolver: DnsAnswer;
  authoritative: DnsAnswer[];
  negativeCacheSeconds: number | undefined;
  addresses: DnsAddressView[];
  warnings: DnsWarning[];
};

export function vipState(address: string, snapshots: readonly HostSnapshot[]): VipState {
  const services: string[] = [];
  const heldByVrrp = new Set<string>();
  const withService = new Set<string>();
  let weightedBackends = 0;
  let cps: number | undefined;
  for (const snapshot of snapshots) {
    for (const instance of snapshot.vrrp?.instances ?? [])
      if (
        instance.state.toUpperCase() === "MASTER" &&
        instance.virtualIps.some((vip) => vip.split("/")[0] === address)
      )
        heldByVrrp.add(snapshot.hostId);
    for (const service of snapshot.services) {
      if (service.address !== address) continue;
      withService.add(snapshot.hostId);
      services.push(`${snapshot.hostId} ${serviceKey(service)}`);
      weightedBackends += service.realServers.filter((backend) => backend.weight > 0).length;
      if (service.rates) cps = (cps ?? 0) + service.rates.cps;
    }
  }
  // With keepalived in view, the VRRP master holds the VIP; a backup's IPVS table does not.
  const heldBy = [...(heldByVrrp.size > 0 ? heldByVrrp : withService)].sort();
  return { heldBy, services, weightedBackends, cps };
}

export function followedVips(snapshots: readonly HostSnapshot[]): string[] {
  const vips = new Set<string>();
  for (const snapshot of snapshots) {
    for (const service of snapshot.services) if (service.address) vips.add(service.address);
    for (const instance of snapshot.vrrp?.instances ?? [])
      for (const vip of instance.virtualIps) vips.add(vip.split("/")[0] ?? vip);
  }
  return [...vips].sort();
}

function addressSet(answer: DnsAnswer): string {
  return answer.ok
    ? answer.records
        .map((record) => record.address)
        .sort()
        .join(",")
    : `(${answer.failure})`;
}

export function dnsNameView(input: {
  name: string;
  resolver: DnsAnswer;
  authoritative: DnsAnswer[];
  negativeCacheSeconds: number | undefined;
  snapshots: readonly HostSnapshot[];
}): DnsNameView {
  const { name, resolver, authoritative, snapshots } = input;
  const warnings: DnsWarning[] = [];
  const records = resolver.ok ? resolver.records : [];
  const perFamily = (family: "A" | "AAAA") => records.filter((record) => record.family === family).length;
  const states = records.map((record) => vipState(record.address, snapshots));
  const totalCps = states.reduce((sum, state) => (state.cps === undefined ? sum : sum + state.cps), 0);
  const ratesKnown = states.some((state) => state.cps !== undefined) && totalCps > 0;
  const addresses: DnsAddressView[] = records.map((record, i) => ({
    address: record.address,
    family: record.family,
    ttl: record.ttl,
    vip: states[i] as VipState,
    dnsShare: 1 / Math.max(1, perFamily(record.family)),
    trafficShare: ratesKnown ? (states[i]?.cps ?? 0) / totalCps : undefined,
  }));

  if (!resolver.ok)
    warnings.push({
      code: "lookup-failed",
      message: `${name} via ${resolver.server}: ${resolver.failure.toUpperCase()} (${resolver.message})`,
    });
  for (const answer of authoritative)
    if (!answer.ok && answer.failure !== (resolver.ok ? "" : resolver.failure))
      warnings.push({
        code: "lookup-failed",
        message: `${name} at authoritative ${answer.server}: ${answer.failure.toUpperCase()} (${answer.message})`,
      });

  if (snapshots.length > 0) {
    for (const view of addresses) {
      if (view.vip.heldBy.length === 0)
        warnings.push({
          code: "vip-not-held",
          message: `${name} -> ${view.address}: no followed director holds this address; clients sent there fail`,
        });
      else if (view.vip.weightedBackends === 0)
        warnings.push({
          code: "vip-no-weighted-backend",
          message: `${name} -> ${view.address} (on ${view.vip.heldBy.join(", ")}): no backend with weight above 0; clients sent there fail`,
        });
    }
    const holders = new Set(addresses.flatMap((view) => view.vip.heldBy));
    if (addresses.length > 1 && holders.size === 1 && addresses.every((view) => view.vip.heldBy.length > 0))
      warnings.push({
        code: "single-director",
        message: `every address of ${name} is on ${[...holders][0]}: no redundancy at the DNS tier`,
      });
  }

  const authoritativeOk = authoritative.filter((answer) => answer.ok);
  if (resolver.ok && authoritativeOk.length > 0) {
    const truth = addressSet(authoritativeOk[0] as DnsAnswer);
    if (addressSet(resolver) !== truth)
      warnings.push({
        code: "resolver-differs",
        message: `${resolver.server} answers ${addressSet(resolver)} for ${name}, the authoritative servers ${truth}: a stale cache (it clears within the TTL) or split horizon`,
      });
  }

  const originalTtl = Math.max(
    0,
    ...authoritativeOk.flatMap((answer) => (answer.ok ? answer.records.map((record) => record.ttl) : [])),
  );
  const remaining = Math.max(0, ...records.map((record) => record.ttl));
  if (records.length > 0 || authoritativeOk.length > 0)
    warnings.push({
      code: "ttl",
      message:
        `after a failover or a VIP removal, clients may keep using the old answer for ${name} up to ${originalTtl || remaining} s (TTL from the authoritative servers)` +
        `${resolver.ok ? `; ${resolver.server} still holds it for ${remaining} s` : ""}` +
        `${input.negativeCacheSeconds !== undefined ? `; a removed name stays cached as missing for ${input.negativeCacheSeconds} s (SOA minimum)` : ""}`,
    });

  return {
    name,
    resolver,
    authoritative,
    negativeCacheSeconds: input.negativeCacheSeconds,
    addresses,
    warnings,
  };
}

/** Followed VIPs no watched name points at. */
export function unnamedVips(views: readonly DnsNameView[], snapshots: readonly HostSnapshot[]): DnsWarning[] {
  const named = new Set(views.flatMap((view) => view.addresses.map((address) => address.address)));
  return followedVips(snapshots)
    .filter((vip) => !named.has(vip))
    .map((vip) => ({
      code: "vip-unnamed" as const,
      message: `${vip} is a followed VIP that no watched name points at`,
    }));
}

/** For a failover or VIP-removal preview: which names point at the VIP and how long caches keep them. */
export function namesPointingAt(
  vip: string,
  views: readonly DnsNameView[],
): Array<{ name: string; ttl: number }> {
  return views.flatMap((view) => {
    const record = view.addresses.find((address) => address.address === vip);
    return record ? [{ name: view.name, ttl: record.ttl }] : [];
  });
}
