/**
 * Forwarding methods as operators name them (ipvsadm prints Masq/Route/Tunnel; people say NAT, DR,
 * TUN), and which of them hide the reply traffic from the director.
 */
import type { ForwardMethod, RealServerView } from "./snapshot-types.ts";
import type { I18n } from "../i18n/i18n.ts";

/** The acronyms read the same in every language; Local and Bypass are words and come from the catalog. */
const LABELS: Record<ForwardMethod, (i18n: I18n) => string> = {
  masq: () => "NAT",
  route: () => "DR",
  tunnel: () => "TUN",
  local: (i18n) => i18n.t("forward.local"),
  bypass: (i18n) => i18n.t("forward.bypass"),
  fullnat: () => "FULLNAT",
  snat: () => "SNAT",
  unknown: () => "?",
};

export function forwardMethodLabel(
  server: Pick<RealServerView, "forward" | "forwardRaw">,
  i18n: I18n,
): string {
  if (server.forward === "unknown") return server.forwardRaw ?? "?";
  return LABELS[server.forward](i18n);
}

/**
 * With direct routing and tunnelling the backend answers the client itself, so the director's
 * counters see only the inbound half: its out bytes and packets are not the service's traffic.
 */
export function isInboundOnly(forward: ForwardMethod): boolean {
  return forward === "route" || forward === "tunnel";
}
