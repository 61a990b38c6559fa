/** Builds the audit entry of one apply from its plan and report. */
import type { ActionPlan } from "../actions/action-plan.ts";
import type { ApplyReport } from "../actions/apply-report.ts";
import type { AuditEntry } from "./audit-entry.ts";
import { entryCommands, entryIdentity, type AuditWho } from "./audit-fields.ts";

/** The operator's OS account, and the account Fulcrum used on the host. */
export type { AuditWho } from "./audit-fields.ts";

export function auditEntryOf(
  plan: ActionPlan,
  report: ApplyReport,
  who: AuditWho,
  extra: { id?: string; undoOf?: string } = {},
): AuditEntry {
  return {
    ...entryIdentity(report.startedAt, who, extra.id),
    hostId: plan.hostId,
    intent: plan.intent,
    service: plan.service,
    backend: plan.backend,
    commands: entryCommands(report.commands),
    ...(report.observedBefore ? { before: report.observedBefore } : {}),
    ...(report.observedAfter ? { after: report.observedAfter } : {}),
    expectedAfter: plan.expectedAfter,
    ...(plan.remembered ? { remembered: plan.remembered } : {}),
    result: report.outcome,
    verified: report.outcome === "verified",
    message: report.message,
    confirmedGuards: plan.confirmedGuards.map((guard) => guard.code),
    ...(extra.undoOf !== undefined ? { undoOf: extra.undoOf } : {}),
  };
}
