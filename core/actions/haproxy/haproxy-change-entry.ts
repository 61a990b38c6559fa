/**
 * The audit entry of one HAProxy apply (type "haproxy" in the shared log): the server before and
 * after as {admin, weight}, the runtime command and how it ended, and the inverse intent in `undo`.
 */
import { entryCommands, entryIdentity, type AuditWho } from "../../audit/audit-fields.ts";
import type { ChangeEntry } from "../../audit/change-entry.ts";
import type { HaproxyApplyReport } from "./apply-haproxy-plan.ts";
import { haproxyIntentRecord, inverseHaproxyIntent } from "./haproxy-intent-record.ts";
import type { HaproxyIntent } from "./haproxy-intent.ts";
import type { HaproxyServerView } from "./haproxy-server-view.ts";
import type { HaproxyPlan } from "./plan-haproxy-action.ts";

export function haproxyIntentSummary(intent: HaproxyIntent): string {
  const target = `${intent.backend}/${intent.server}`;
  return intent.kind === "haproxy-state"
    ? `${intent.state} ${target}`
    : `weight ${intent.weight} for ${target}`;
}

const stateRecord = (view: Pick<HaproxyServerView, "admin" | "weight">) => ({
  admin: view.admin,
  weight: view.weight,
});

export function haproxyChangeEntry(
  plan: HaproxyPlan,
  report: HaproxyApplyReport,
  who: AuditWho,
  extra: { undoOf?: string; id?: string } = {},
): ChangeEntry {
  const commands = entryCommands(report.commands);
  // Nothing to undo unless the command may have reached HAProxy (applied, or unknown after a loss).
  const mayHaveRun = commands.some((command) => command.status === "applied" || command.status === "unknown");
  // The inverse is built from what was read right before sending (compare-and-set made it equal
  // to the plan's), so undo returns to what the server really was.
  const before = report.observedBefore ?? plan.before;
  return {
    type: "haproxy",
    ...entryIdentity(report.startedAt, who, extra.id),
    hostId: plan.hostId,
    summary: haproxyIntentSummary(plan.intent),
    target: `haproxy:${plan.intent.backend}/${plan.intent.server}`,
    commands,
    ...(before ? { before: stateRecord(before) } : {}),
    ...(report.observedAfter ? { after: stateRecord(report.observedAfter) } : {}),
    result: report.outcome,
    verified: report.outcome === "verified",
    message: report.message,
    ...(mayHaveRun && before ? { undo: haproxyIntentRecord(inverseHaproxyIntent(plan.intent, before)) } : {}),
    ...(extra.undoOf !== undefined ? { undoOf: extra.undoOf } : {}),
  };
}
