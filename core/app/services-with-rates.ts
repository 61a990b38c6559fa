/**
 * The fresh table has weights (what plans must be made on); the sampler's snapshot has rates (what
 * predictions need). Joined by service and backend.
 */
import type { HostSnapshot } from "../api.ts";
import type { VirtualService } from "../model/ipvs.ts";
import { backendKey, serviceKey } from "../model/service-key.ts";

export function withRates(services: VirtualService[], snapshot: HostSnapshot | null): VirtualService[] {
  if (!snapshot) return services;
  const sampled = new Map(snapshot.services.map((service) => [serviceKey(service), service]));
  return services.map((service) => {
    const match = sampled.get(serviceKey(service));
    if (!match) return service;
    return {
      ...service,
      ...(match.rates ? { rates: match.rates } : {}),
      realServers: service.realServers.map((server) => {
        const rates = match.realServers.find(
          (candidate) => backendKey(candidate) === backendKey(server),
        )?.rates;
        return rates ? { ...server, rates } : server;
      }),
    };
  });
}
