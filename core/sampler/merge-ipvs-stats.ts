/**
 * `ipvsadm -Ln` has weights, forwarding and connections but no counters; `ipvsadm -Ln --stats` has
 * counters and nothing else. The sampler reads both; this joins them by service and backend key.
 * A service or backend missing from the stats table (added between the two reads) keeps no stats.
 */
import type { VirtualService } from "../model/ipvs.ts";
import { backendKey, serviceKey } from "../model/service-key.ts";

export function mergeIpvsStats(
  listed: readonly VirtualService[],
  withStats: readonly VirtualService[],
): VirtualService[] {
  const statsByService = new Map(withStats.map((service) => [serviceKey(service), service]));
  return listed.map((service) => {
    const counted = statsByService.get(serviceKey(service));
    if (!counted) return service;
    const backendStats = new Map(counted.realServers.map((server) => [backendKey(server), server.stats]));
    return {
      ...service,
      ...(counted.stats ? { stats: counted.stats } : {}),
      realServers: service.realServers.map((server) => {
        const stats = backendStats.get(backendKey(server));
        return stats ? { ...server, stats } : server;
      }),
    };
  });
}
