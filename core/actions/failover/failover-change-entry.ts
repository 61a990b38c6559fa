/**
 * The audit entry of a failover that ran (DESIGN.md §5): every step with the status it had, where
 * the VIP was before and after, and the failover back as the undo. Pure: the caller supplies who,
 * when and the id, so the same run always gives the same entry.
 */
import type { ChangeEntry } from "../../audit/change-entry.ts";
import type { FailoverRecord } from "../../audit/failover-record.ts";
import type { FailoverOutcome } from "./failover-events.ts";
import type { FailoverPlan, FailoverStep } from "./failover-plan.ts";
import type { FailoverResult } from "./run-failover.ts";
import type { VipLocation } from "./vip-location.ts";

export interface FailoverEntryContext {
  id: string;
  at: Date;
  who: ChangeEntry["who"];
  /** The failover entry this run undid. */
  undoOf?: string;
}

/** What the run did, for a real undo: see core/audit/failover-record.ts. */
function failoverRecord(plan: FailoverPlan): FailoverRecord {
  // Only a file written on the node the VIPs left is restored by an undo; a restore's own undo is
  // an ordinary failover, which writes that file again.
  const file = plan.method?.kind === "restore-track-file" ? undefined : plan.method?.trackFile;
  return {
    instance: plan.instance,
    vips: plan.vips,
    from: plan.master,
    to: plan.peer,
    method: plan.method?.kind ?? "none",
    ...(file
      ? {
          trackFile: {
            path: file.path,
            before: file.previous === null ? null : file.previous.trim(),
            after: file.written,
          },
        }
      : {}),
  };
}

const RESULT_OF: Record<FailoverOutcome, ChangeEntry["result"]> = {
  moved: "verified",
  refused: "refused",
  "rolled-back": "failed",
  // The VIP is neither where the failover nor where the rollback wanted it: nobody can say it is fine.
  "rollback-failed": "unknown",
};

const MESSAGE_OF: Record<FailoverOutcome, string> = {
  moved: "the VIP moved to the peer and only the peer holds it",
  refused: "refused before anything ran",
  "rolled-back": "the failover did not verify and was rolled back; the VIP is on the master again",
  "rollback-failed":
    "the failover did not verify and the rollback did not bring the VIP back: the operator must act",
};

/** Node label holding the VIPs, or a word for where they are when it is not one node. */
export function vipHolder(plan: FailoverPlan, location: VipLocation | undefined): string {
  if (!location) return "unknown";
  if (location.kind === "on-master") return plan.master;
  if (location.kind === "on-peer") return plan.peer;
  return location.kind;
}

export function failoverTarget(plan: FailoverPlan): string {
  return `vrrp:${plan.instance} ${plan.vips.join(",")}`;
}

/** Each planned step once, in order, with what happened to it (the events say which ran). */
function stepOutcomes(plan: FailoverPlan, result: FailoverResult): ChangeEntry["commands"] {
  const ran = result.events.flatMap((event) =>
    event.type === "stepRan" || event.type === "stepFailed" ? [event] : [],
  );
  const outcome = (step: FailoverStep, phase: "act" | "rollback"): ChangeEntry["commands"][number] => {
    const index = ran.findIndex((event) => event.phase === phase && event.shell === step.shell);
    const event = index < 0 ? undefined : ran.splice(index, 1)[0];
    const label = `${step.node === "master" ? plan.master : plan.peer}: ${step.shell}`;
    if (!event) return { shell: label, status: "not-run" };
    if (event.type === "stepFailed") return { shell: label, status: "unknown" };
    return { shell: label, status: event.code === 0 ? "applied" : "not-applied", exitCode: event.code };
  };
  return [
    ...plan.steps.map((step) => outcome(step, "act")),
    ...plan.rollback.map((step) => outcome(step, "rollback")),
  ];
}

export function failoverChangeEntry(
  plan: FailoverPlan,
  result: FailoverResult,
  context: FailoverEntryContext,
): ChangeEntry {
  const failure = result.failure ? ` (${result.failure})` : "";
  return {
    type: "failover",
    id: context.id,
    at: context.at.toISOString(),
    who: context.who,
    hostId: plan.master,
    summary: `failover ${plan.instance} (${plan.vips.join(", ")}) from ${plan.master} to ${plan.peer}`,
    target: failoverTarget(plan),
    commands: stepOutcomes(plan, result),
    before: { vipOn: plan.master },
    after: { vipOn: vipHolder(plan, result.location) },
    result: RESULT_OF[result.outcome],
    verified: result.outcome === "moved",
    message: `${MESSAGE_OF[result.outcome]}${failure}`,
    undo: { action: "failover", from: plan.peer, to: plan.master, instance: plan.instance },
    failover: failoverRecord(plan),
    ...(context.undoOf !== undefined ? { undoOf: context.undoOf } : {}),
  };
}
