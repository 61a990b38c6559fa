/**
 * Predicted effect of new weights on a service: share of NEW connections per backend, and the
 * load that share means at the service's current rates. Connections predicted are the service's
 * current active + inactive total spread by the new shares: what the table settles to once the
 * connections opened before the change have ended.
 */
import type { VirtualService } from "../model/ipvs.ts";
import { backendKey } from "../model/service-key.ts";
import type { BackendPrediction } from "./action-plan.ts";
import { newConnectionShares, shareModel } from "./scheduler-share.ts";

/** One backend of the service after the action: key, forwarding and weight. */
export interface BackendAfter {
  backend: string;
  forward: string;
  weight: number;
  upperThreshold?: number;
}

export function backendsAfter(
  service: VirtualService,
  change: { backend: string; weight?: number; removed?: boolean; added?: BackendAfter },
): BackendAfter[] {
  const current = service.realServers.flatMap((server): BackendAfter[] => {
    const key = backendKey(server);
    if (key === change.backend && change.removed) return [];
    const weight = key === change.backend && change.weight !== undefined ? change.weight : server.weight;
    return [
      {
        backend: key,
        forward: server.forward,
        weight,
        ...(server.upperThreshold ? { upperThreshold: server.upperThreshold } : {}),
      },
    ];
  });
  return change.added ? [...current, change.added] : current;
}

export function sharesFor(service: VirtualService, backends: readonly BackendAfter[]): number[] | undefined {
  const model = shareModel(service.scheduler, (service.persistent ?? 0) > 0);
  return newConnectionShares(
    model,
    backends.map((backend) => backend.weight),
  );
}

export function totalConnections(service: VirtualService): number {
  return service.realServers.reduce((sum, server) => sum + server.activeConns + server.inactiveConns, 0);
}

export function predictLoad(
  service: VirtualService,
  backends: readonly BackendAfter[],
  defaultCapacity?: number,
): BackendPrediction[] {
  const shares = sharesFor(service, backends);
  const connections = totalConnections(service);
  const rates = service.rates;
  return backends.map((backend, index) => {
    const share = shares?.[index];
    const capacity = backend.upperThreshold || defaultCapacity;
    const bypassesDirector = backend.forward === "route" || backend.forward === "tunnel";
    const known = (value: number | undefined): number | "unknown" =>
      share === undefined || value === undefined ? "unknown" : value * share;
    return {
      backend: backend.backend,
      weightAfter: backend.weight,
      share: share ?? "unknown",
      cps: known(rates?.cps),
      connections: known(connections),
      inBps: known(rates?.inBps),
      outBps: bypassesDirector ? "unknown" : known(rates?.outBps),
      ...(capacity ? { capacity } : {}),
    };
  });
}
