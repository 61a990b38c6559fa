/**
 * How services and backends are written in the UI, matching the CLI's `<service>` syntax
 * (DESIGN.md §9): ADDR:PORT, [IPv6]:PORT, and FWM MARK for firewall-mark services.
 */
import { formatHostPort } from "../../shared/service-key.ts";
import type { VirtualServiceView } from "./snapshot-types.ts";

export function serviceLabel(
  service: Pick<VirtualServiceView, "protocol" | "address" | "port" | "fwmark">,
): string {
  if (service.protocol === "fwmark") return `FWM ${service.fwmark ?? "?"}`;
  const where =
    service.address !== undefined && service.port !== undefined
      ? formatHostPort(service.address, service.port)
      : "?";
  return `${service.protocol.toUpperCase()} ${where}`;
}
