/**
 * Which of a host's action families answers an apply, an undo or the audit list: a plan id or an
 * audit id the host's HAProxy actions know goes to them, anything else to its IPVS actions. Both
 * families share one audit log, so the console lists their entries together.
 */
import type { ActionResult, AuditRecordView } from "../api.ts";
import { matches, type AuditLog } from "../audit/audit-log.ts";
import type { MonitoredHost } from "./monitored-host.ts";

export async function applyOnHost(
  host: MonitoredHost | undefined,
  planId: string,
): Promise<ActionResult | undefined> {
  if (host?.haproxyActions?.holds(planId)) return host.haproxyActions.apply(planId);
  return host?.actions?.apply(planId);
}

export async function undoOnHost(
  host: MonitoredHost | undefined,
  auditId: string,
): Promise<ActionResult | undefined> {
  if (host?.haproxyActions && (await host.haproxyActions.isHaproxyEntry(auditId)))
    return host.haproxyActions.undo(auditId);
  return host?.actions?.undo(auditId);
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
