/**
 * One name through the resolver and its authoritative servers, then the view beside the followed
 * hosts (dns-view.ts). The I/O edge of the DNS tier.
 */
import type { HostSnapshot } from "../api.ts";
import { authoritativeServers, lookupName, negativeCacheSeconds, type ResolverChoice } from "./dns-lookup.ts";
import { dnsNameView, type DnsNameView } from "./dns-view.ts";

export async function resolveNameView(
  name: string,
  resolver: ResolverChoice,
  snapshots: readonly HostSnapshot[],
  timeoutMs?: number,
): Promise<DnsNameView> {
  const [answer, servers, negative] = await Promise.all([
    lookupName(name, resolver, timeoutMs),
    authoritativeServers(name, resolver, timeoutMs),
    negativeCacheSeconds(name, resolver, timeoutMs),
  ]);
  const authoritative = await Promise.all(
    servers.map((address) => lookupName(name, { kind: "server", address }, timeoutMs)),
  );
  return dnsNameView({ name, resolver: answer, authoritative, negativeCacheSeconds: negative, snapshots });
}
