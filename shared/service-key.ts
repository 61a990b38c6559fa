/**
 * The one name of a virtual service and of a backend, as the CLI takes them (DESIGN.md §9):
 * "192.0.2.1:80" for TCP, "udp:192.0.2.1:53", "sctp:...", "fwm:1" (and "fwm:1:ipv6"), IPv6 in
 * brackets. These names join samples, history, actions and the console's rows, so the core and
 * the renderer must compute them the same way: this file is the only place that does.
 * Addresses arrive already canonical (core/model/address.ts), so this is formatting only.
 */

/** The fields of a virtual service its name is made of (core's VirtualService, the wire's view). */
export interface ServiceKeyFields {
  protocol: "tcp" | "udp" | "sctp" | "fwmark";
  family: "inet" | "inet6";
  address?: string;
  port?: number;
  fwmark?: number;
}

/** ADDR:PORT, with an IPv6 address in brackets. */
export function formatHostPort(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

export function serviceKey(service: ServiceKeyFields): string {
  if (service.protocol === "fwmark") {
    return service.family === "inet6" ? `fwm:${service.fwmark}:ipv6` : `fwm:${service.fwmark}`;
  }
  const hostPort = formatHostPort(service.address ?? "", service.port ?? 0);
  return service.protocol === "tcp" ? hostPort : `${service.protocol}:${hostPort}`;
}

export function backendKey(server: { address: string; port: number }): string {
  return formatHostPort(server.address, server.port);
}
