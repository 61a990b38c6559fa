/**
 * Which action family an audit entry belongs to (undo goes to that family), and the audit list of
 * a host: IPVS entries and change entries (HAProxy, config edits, failovers) share one log, so the
 * console lists them together.
 */
import type { AuditRecordView } from "../api.ts";
import { matches, type AuditLog } from "../audit/audit-log.ts";

export type ActionFamilyName = "ipvs" | "haproxy" | "config-edit" | "failover";

/** IPVS entries have no `type` (they came first); every other family's entry names its own. */
export function familyOfEntry(entry: AuditRecordView): ActionFamilyName {
  return "type" in entry ? entry.type : "ipvs";
}

/** IPVS entries and change entries (HAProxy, config edits, failovers) of one host or all, oldest first. */
export async function auditRecords(audit: AuditLog | undefined, hostId?: string): Promise<AuditRecordView[]> {
  if (!audit) return [];
  const { entries, changes } = await audit.read();
  const query = hostId === undefined ? {} : { hostId };
  return [...entries, ...changes]
    .filter((entry) => matches(entry, query))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
