import { formatHostPort } from "./address.ts";
import type { RealServer, VirtualService } from "./ipvs.ts";

/**
 * The one name of a virtual service, as the CLI takes it (DESIGN.md §9): "192.0.2.1:80" for TCP,
 * "udp:192.0.2.1:53", "sctp:...", "fwm:1", IPv6 in brackets. Joins samples, history and actions.
 */
export function serviceKey(service: Pick<VirtualService, "protocol" | "address" | "port" | "fwmark" | "family">): string {
  if (service.protocol === "fwmark") {
    return service.family === "inet6" ? `fwm:${service.fwmark}:ipv6` : `fwm:${service.fwmark}`;
  }
  const hostPort = formatHostPort(service.address ?? "", service.port ?? 0);
  return service.protocol === "tcp" ? hostPort : `${service.protocol}:${hostPort}`;
}

export function backendKey(server: Pick<RealServer, "address" | "port">): string {
  return formatHostPort(server.address, server.port);
}
