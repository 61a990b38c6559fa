/**
 * The audit entry of one HAProxy apply (type "haproxy" in the shared log): the server before and
 * after as {admin, weight}, the runtime command and how it ended, and the inverse intent in `undo`.
 */
import { randomUUID } from "node:crypto";
import type { AuditWho } from "../../audit/audit-entry-of.ts";
import type { ChangeEntry } from "../../audit/change-entry.ts";
import type { HaproxyApplyReport } from "./apply-haproxy-plan.ts";
import { haproxyIntentRecord, inverseHaproxyIntent } from "./haproxy-intent-record.ts";
import type { HaproxyIntent } from "./haproxy-intent.ts";
import type { HaproxyServerView } from "./haproxy-server-view.ts";
import type { HaproxyPlan } from "./plan-haproxy-action.ts";

type CommandStatus = ChangeEntry["commands"][number]["status"];

// HAProxy answered (verified / not-verified: it took the command; failed: it refused it); aborted
// and refused never sent it; unknown: the socket conversation broke, so nobody can say.
const COMMAND_STATUS: Record<HaproxyApplyReport["outcome"] | "unknown", CommandStatus> = {
  verified: "applied",
  "not-verified": "applied",
  failed: "not-applied",
  aborted: "not-run",
  refused: "not-run",
  unknown: "unknown",
};

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

export interface HaproxyOutcome {
  outcome: HaproxyApplyReport["outcome"] | "unknown";
  message: string;
  observedBefore?: HaproxyServerView;
  observedAfter?: HaproxyServerView;
}

export function haproxyChangeEntry(
  hostId: string,
  plan: HaproxyPlan,
  ended: HaproxyOutcome,
  who: AuditWho,
  extra: { at: Date; undoOf?: string; id?: string },
): ChangeEntry {
  const status = COMMAND_STATUS[ended.outcome];
  // The inverse is built from what was read right before sending (compare-and-set made it equal
  // to the plan's), so undo returns to what the server really was.
  const before = ended.observedBefore ?? plan.before;
  return {
    type: "haproxy",
    id: extra.id ?? randomUUID(),
    at: extra.at.toISOString(),
    who: { osUser: who.osUser, ...(who.sshUser !== undefined ? { sshUser: who.sshUser } : {}) },
    hostId,
    summary: haproxyIntentSummary(plan.intent),
    target: `haproxy:${plan.intent.backend}/${plan.intent.server}`,
    commands: [{ shell: plan.command, status }],
    before: stateRecord(before),
    ...(ended.observedAfter ? { after: stateRecord(ended.observedAfter) } : {}),
    result: ended.outcome,
    verified: ended.outcome === "verified",
    message: ended.message,
    ...(status === "not-run" || status === "not-applied"
      ? {}
      : { undo: haproxyIntentRecord(inverseHaproxyIntent(plan.intent, before)) }),
    ...(extra.undoOf !== undefined ? { undoOf: extra.undoOf } : {}),
  };
}
