/**
 * Says what the operator is missing when the IPVS table came from /proc/net/ip_vs: the file is
 * world-readable, but the per-service counters need ipvsadm, which needs CAP_NET_ADMIN.
 */
import type { HostSnapshot } from "../../core/api.ts";
import type { I18n } from "../i18n/i18n.ts";

export function ipvsSourceNote(snapshot: Pick<HostSnapshot, "ipvsSource">, i18n: I18n): string | undefined {
  return snapshot.ipvsSource === "proc" ? i18n.t("ipvs.procNote") : undefined;
}
