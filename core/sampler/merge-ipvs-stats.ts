/**
 * `ipvsadm -Ln` has weights, forwarding and connections but no counters; `ipvsadm -Ln --stats` has
 * counters and nothing else. The sampler reads both; this joins them by service and backend key.
 * A service or backend missing from the stats table (added between the two reads) keeps no stats.
 *
 * Both tables come from the same kernel walk a moment apart, so row i of one is nearly always row
 * i of the other: that is checked first, and the keyed lookup is built only for a service where
 * the rows differ (20 hosts x 500 backends every second, DESIGN §8).
 */
import type { Counters } from "../model/counters.ts";
import type { RealServer, VirtualService } from "../model/ipvs.ts";
import { backendKey, serviceKey } from "../model/service-key.ts";

export function mergeIpvsStats(
  listed: readonly VirtualService[],
  withStats: readonly VirtualService[],
): VirtualService[] {
  let statsByService: Map<string, VirtualService> | undefined;
  return listed.map((service, i) => {
    let counted = withStats[i];
    if (!counted || !sameService(counted, service)) {
      statsByService ??= new Map(withStats.map((other) => [serviceKey(other), other]));
      counted = statsByService.get(serviceKey(service));
    }
    if (!counted) return service;
    return {
      ...service,
      ...(counted.stats ? { stats: counted.stats } : {}),
      realServers: withBackendStats(service.realServers, counted.realServers),
    };
  });
}

function withBackendStats(servers: readonly RealServer[], counted: readonly RealServer[]): RealServer[] {
  let statsByBackend: Map<string, Counters | undefined> | undefined;
  return servers.map((server, i) => {
    const row = counted[i];
    let stats: Counters | undefined;
    if (row && row.port === server.port && row.address === server.address) {
      stats = row.stats;
    } else {
      statsByBackend ??= new Map(counted.map((other) => [backendKey(other), other.stats]));
      stats = statsByBackend.get(backendKey(server));
    }
    return stats ? { ...server, stats } : server;
  });
}

/** The fields serviceKey is made of. */
function sameService(a: VirtualService, b: VirtualService): boolean {
  return (
    a.protocol === b.protocol &&
    a.family === b.family &&
    a.address === b.address &&
    a.port === b.port &&
    a.fwmark === b.fwmark
  );
}
