/**
 * Says what the operator is missing when the IPVS table came from /proc/net/ip_vs: the file is
 * world-readable, but the per-service counters need ipvsadm, which needs CAP_NET_ADMIN.
 */
import type { HostSnapshot } from "../../core/api.ts";

export const PROC_SOURCE_NOTE =
  "Read from /proc/net/ip_vs: this host gave Fulcrum no privilege to run ipvsadm, so there are no traffic counters (conn/s, bytes, shares). Connect as root or allow `sudo -n ipvsadm` to see them.";

export function ipvsSourceNote(snapshot: Pick<HostSnapshot, "ipvsSource">): string | undefined {
  return snapshot.ipvsSource === "proc" ? PROC_SOURCE_NOTE : undefined;
}
