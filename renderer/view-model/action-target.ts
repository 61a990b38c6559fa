/**
 * The names the action API takes for a service and a backend, in the CLI's `<service>` and
 * `<backend>` syntax (DESIGN.md §9): "10.20.0.10:80" for TCP, "udp:ADDR:PORT", "sctp:...",
 * "fwm:MARK", IPv6 in brackets. The core has the same rules in core/model/service-key.ts; the
 * renderer may import only types from the core, so this small formatter is its own copy, kept
 * honest by test/unit/carrier/view-model/action-target.test.ts.
 */
import { endpointLabel } from "./endpoint-label.ts";
import type { RealServerView, VirtualServiceView } from "./snapshot-types.ts";

export interface ActionTarget {
  service: string;
  backend: string;
}

export function serviceKeyOf(
  service: Pick<VirtualServiceView, "protocol" | "family" | "address" | "port" | "fwmark">,
): string {
  if (service.protocol === "fwmark") {
    return service.family === "inet6" ? `fwm:${service.fwmark}:ipv6` : `fwm:${service.fwmark}`;
  }
  const hostPort = endpointLabel(service.address ?? "", service.port ?? 0);
  return service.protocol === "tcp" ? hostPort : `${service.protocol}:${hostPort}`;
}

export function backendKeyOf(server: Pick<RealServerView, "address" | "port">): string {
  return endpointLabel(server.address, server.port);
}

export function actionTargetOf(service: VirtualServiceView, server: RealServerView): ActionTarget {
  return { service: serviceKeyOf(service), backend: backendKeyOf(server) };
}
