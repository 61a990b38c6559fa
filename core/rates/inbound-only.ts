import type { VirtualService } from "../model/ipvs.ts";

/**
 * In DR (route) and TUN mode replies go from the real servers straight to the clients, so the
 * director's OutPkts/OutBytes stay 0 for such backends. A service whose every backend is DR or TUN
 * is "inbound only": its outbound rate is unknown, not zero, and the UI must say so.
 */
export function isInboundOnly(service: Pick<VirtualService, "realServers">): boolean {
  return (
    service.realServers.length > 0 &&
    service.realServers.every((server) => server.forward === "route" || server.forward === "tunnel")
  );
}
