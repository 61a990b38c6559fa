/**
 * Resolving a name the way clients meet it, with Node's own resolver (node:dns Resolver: c-ares,
 * `ttl: true`, servers set per resolver): through the system's resolver, through one the operator
 * names, and straight at the name's authoritative servers (found from the NS records of the name
 * or its nearest parent, their addresses resolved). CNAME chains are followed (bounded), A and
 * AAAA both asked. A failure is one of a closed set (NXDOMAIN, SERVFAIL, timeout, refused, no
 * data, other), never shown as "no records".
 */
import { Resolver } from "node:dns/promises";

export type DnsFailure = "nxdomain" | "servfail" | "timeout" | "refused" | "no-data" | "other";

export type DnsRecord = { family: "A" | "AAAA"; address: string; ttl: number };

export type DnsAnswer =
  | { ok: true; server: string; cnameChain: string[]; records: DnsRecord[] }
  | { ok: false; server: string; cnameChain: string[]; failure: DnsFailure; message: string };

export type ResolverChoice = { kind: "system" } | { kind: "server"; address: string };

const MAX_CNAMES = 8;
export const DNS_TIMEOUT_MS = 2000;

function failureOf(error: unknown): { failure: DnsFailure; message: string } {
  const code = (error as { code?: string }).code ?? "";
  const failure: DnsFailure =
    code === "ENOTFOUND"
      ? "nxdomain"
      : code === "ESERVFAIL"
        ? "servfail"
        : code === "ETIMEOUT"
          ? "timeout"
          : code === "EREFUSED" || code === "ECONNREFUSED"
            ? "refused"
            : code === "ENODATA"
              ? "no-data"
              : "other";
  return { failure, message: `${code || "error"}: ${(error as Error).message}` };
}

export function resolverFor(choice: ResolverChoice, timeoutMs = DNS_TIMEOUT_MS): Resolver {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (choice.kind === "server") resolver.setServers([choice.address]);
  return resolver;
}

function serverName(choice: ResolverChoice): string {
  return choice.kind === "system" ? "system resolver" : choice.address;
}

/** A and AAAA of `name` through one resolver, following its CNAME chain. */
export async function lookupName(
  name: string,
  choice: ResolverChoice,
  timeoutMs = DNS_TIMEOUT_MS,
): Promise<DnsAnswer> {
  const resolver = resolverFor(choice, timeoutMs);
  const server = serverName(choice);
  const chain: string[] = [];
  let current = name;
  for (let hops = 0; hops < MAX_CNAMES; hops++) {
    try {
      const [target] = await resolver.resolveCname(current);
      if (!target) break;
      chain.push(target);
      current = target;
    } catch (error) {
      const { failure } = failureOf(error);
      if (failure === "no-data") break; // no CNAME here: the records are on this name
      const found = failureOf(error);
      return { ok: false, server, cnameChain: chain, ...found };
    }
  }
  const records: DnsRecord[] = [];
  let firstFailure: { failure: DnsFailure; message: string } | undefined;
  for (const family of ["A", "AAAA"] as const) {
    try {
      const answers =
        family === "A"
          ? await resolver.resolve4(current, { ttl: true })
          : await resolver.resolve6(current, { ttl: true });
      for (const answer of answers) records.push({ family, address: answer.address, ttl: answer.ttl });
    } catch (error) {
      const found = failureOf(error);
      if (found.failure !== "no-data") firstFailure ??= found;
    }
  }
  if (records.length === 0)
    return {
      ok: false,
      server,
      cnameChain: chain,
      ...(firstFailure ?? { failure: "no-data", message: "no A or AAAA record" }),
    };
  records.sort((a, b) => a.family.localeCompare(b.family) || a.address.localeCompare(b.address));
  return { ok: true, server, cnameChain: chain, records };
}

/** The authoritative servers' addresses for `name` (NS of the name or its nearest parent), through `choice`. */
export async function authoritativeServers(
  name: string,
  choice: ResolverChoice,
  timeoutMs = DNS_TIMEOUT_MS,
): Promise<string[]> {
  const resolver = resolverFor(choice, timeoutMs);
  const labels = name.replace(/\.$/, "").split(".");
  for (let i = 0; i < labels.length - 1; i++) {
    const zone = labels.slice(i).join(".");
    let hosts: string[];
    try {
      hosts = await resolver.resolveNs(zone);
    } catch {
      continue;
    }
    const addresses: string[] = [];
    for (const host of hosts.sort()) {
      try {
        addresses.push(...(await resolver.resolve4(host)));
      } catch {
        // a name server without an IPv4 address is skipped
      }
    }
    if (addresses.length > 0) return [...new Set(addresses)];
  }
  return [];
}

/** The SOA's negative-caching time for the name's zone: min(SOA minimum, SOA TTL) per RFC 2308. */
export async function negativeCacheSeconds(
  name: string,
  choice: ResolverChoice,
  timeoutMs = DNS_TIMEOUT_MS,
): Promise<number | undefined> {
  const resolver = resolverFor(choice, timeoutMs);
  const labels = name.replace(/\.$/, "").split(".");
  for (let i = 0; i < labels.length - 1; i++) {
    try {
      const soa = await resolver.resolveSoa(labels.slice(i).join("."));
      return soa.minttl;
    } catch {
      // not a zone apex: try the parent
    }
  }
  return undefined;
}
