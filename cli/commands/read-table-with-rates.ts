/**
 * The table an action plans against, with the kernel's own rate estimates
 * (`ipvsadm -Ln --rate --exact`) merged in, so the preview can say what load each remaining
 * backend would take. The rates are a nicety: when that listing fails the plan goes on without
 * them and says the load is unknown.
 */
import type { HostExecutor } from "../../core/actions/host-executor.ts";
import { readIpvsTable } from "../../core/actions/read-ipvs-state.ts";
import type { VirtualService } from "../../core/model/ipvs.ts";
import { backendKey, serviceKey } from "../../core/model/service-key.ts";
import { parseIpvsadmList } from "../../core/parse/ipvs/ipvsadm-list.ts";

/** A fixed command: nothing of the operator's reaches it. */
export const RATE_LISTING_ARGV = ["ipvsadm", "-Ln", "--rate", "--exact"] as const;

export async function readTableWithRates(
  executor: HostExecutor,
  timeoutMs = 10_000,
): Promise<VirtualService[]> {
  const services = await readIpvsTable(executor, timeoutMs);
  let rated: VirtualService[];
  try {
    const result = await executor.run(RATE_LISTING_ARGV, { timeoutMs });
    if (result.code !== 0) return services;
    rated = parseIpvsadmList(result.stdout).services;
  } catch {
    return services;
  }
  return withRates(services, rated);
}

export function withRates(
  services: readonly VirtualService[],
  rated: readonly VirtualService[],
): VirtualService[] {
  const byKey = new Map(rated.map((service) => [serviceKey(service), service]));
  return services.map((service) => {
    const match = byKey.get(serviceKey(service));
    if (!match?.rates) return service;
    const serverRates = new Map(match.realServers.map((server) => [backendKey(server), server.rates]));
    return {
      ...service,
      rates: match.rates,
      realServers: service.realServers.map((server) => {
        const rates = serverRates.get(backendKey(server));
        return rates ? { ...server, rates } : server;
      }),
    };
  });
}
