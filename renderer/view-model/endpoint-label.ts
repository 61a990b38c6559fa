/**
 * How services and backends are written in the UI, matching the CLI's `<service>` syntax
 * (DESIGN.md §9): ADDR:PORT, [IPv6]:PORT, and FWM MARK for firewall-mark services.
 */
import type { VirtualServiceView } from "./snapshot-types.ts";

export function endpointLabel(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

export function serviceLabel(
  service: Pick<VirtualServiceView, "protocol" | "address" | "port" | "fwmark">,
): string {
  if (service.protocol === "fwmark") return `FWM ${service.fwmark ?? "?"}`;
  const where =
    service.address !== undefined && service.port !== undefined
      ? endpointLabel(service.address, service.port)
      : "?";
  return `${service.protocol.toUpperCase()} ${where}`;
}
