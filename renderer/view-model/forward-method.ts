/**
 * Forwarding methods as operators name them (ipvsadm prints Masq/Route/Tunnel; people say NAT, DR,
 * TUN), and which of them hide the reply traffic from the director.
 */
import type { ForwardMethod, RealServerView } from "./snapshot-types.ts";

const LABELS: Record<ForwardMethod, string> = {
  masq: "NAT",
  route: "DR",
  tunnel: "TUN",
  local: "Local",
  bypass: "Bypass",
  fullnat: "FULLNAT",
  snat: "SNAT",
  unknown: "?",
};

export function forwardMethodLabel(server: Pick<RealServerView, "forward" | "forwardRaw">): string {
  if (server.forward === "unknown") return server.forwardRaw ?? "?";
  return LABELS[server.forward];
}

/**
 * With direct routing and tunnelling the backend answers the client itself, so the director's
 * counters see only the inbound half: its out bytes and packets are not the service's traffic.
 */
export function isInboundOnly(forward: ForwardMethod): boolean {
  return forward === "route" || forward === "tunnel";
}
