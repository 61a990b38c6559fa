/** Builds the audit entry of one apply from its plan and report. */
import { randomUUID } from "node:crypto";
import type { ActionPlan } from "../actions/action-plan.ts";
import type { ApplyReport } from "../actions/apply-report.ts";
import type { AuditEntry } from "./audit-entry.ts";

export interface AuditWho {
  /** The operator's OS account (os.userInfo().username). */
  osUser: string;
  /** The account Fulcrum used on the host. */
  sshUser?: string;
}

export function auditEntryOf(
  plan: ActionPlan,
  report: ApplyReport,
  who: AuditWho,
  extra: { id?: string; undoOf?: string } = {},
): AuditEntry {
  return {
    id: extra.id ?? randomUUID(),
    at: new Date(report.startedAt).toISOString(),
    who: { osUser: who.osUser, ...(who.sshUser !== undefined ? { sshUser: who.sshUser } : {}) },
    hostId: plan.hostId,
    intent: plan.intent,
    service: plan.service,
    backend: plan.backend,
    commands: report.commands.map((command) => ({
      shell: command.shell,
      status: command.status,
      ...(command.exitCode !== undefined ? { exitCode: command.exitCode } : {}),
    })),
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
