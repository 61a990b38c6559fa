/**
 * What a director's forwarding methods mean for its own NIC. With NAT (masq) every reply comes back
 * through the director, so its NIC carries both directions of all traffic; with DR/TUN the backends
 * answer clients directly and the director sees the inbound half only.
 */
import type { VirtualServiceView } from "./snapshot-types.ts";
import { isInboundOnly } from "./forward-method.ts";

/** "nat": some backend is masq; "inbound-only": every backend is DR or TUN; "other": neither. */
export type DirectorMode = "nat" | "inbound-only" | "other";

export function directorMode(services: readonly VirtualServiceView[]): DirectorMode {
  const backends = services.flatMap((service) => service.realServers);
  if (backends.some((server) => server.forward === "masq")) return "nat";
  if (backends.length > 0 && backends.every((server) => isInboundOnly(server.forward))) return "inbound-only";
  return "other";
}
