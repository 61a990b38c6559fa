/**
 * A failover plan as an operator reads it in a terminal: every preflight check with its status,
 * the method and why, the exact commands per node, the rollback, what verification waits for,
 * and the warnings.
 */
import type {
  FailoverPlan,
  FailoverStep,
  PreflightCheck,
} from "../../core/actions/failover/failover-plan.ts";

const CHECK_MARK: Record<PreflightCheck["status"], string> = {
  passed: "pass",
  failed: "FAIL",
  skipped: "skip",
};

function checkLine(check: PreflightCheck): string {
  const mark = check.status === "failed" && check.overridden ? "FAIL (overridden)" : CHECK_MARK[check.status];
  return `  [${mark}] ${check.id}: ${check.message}`;
}

function stepLines(plan: FailoverPlan, steps: readonly FailoverStep[]): string[] {
  if (steps.length === 0) return ["  (none)"];
  return steps.map(
    (step) => `  on ${step.node === "master" ? plan.master : plan.peer}: ${step.shell}    # ${step.purpose}`,
  );
}

export function failoverPlanText(plan: FailoverPlan): string {
  const lines = [
    `failover ${plan.instance || "(instance unknown)"} (VIP ${plan.vips.join(", ") || "unknown"}) from ${plan.master} to ${plan.peer}`,
    "preflight:",
    ...plan.checks.map(checkLine),
  ];
  if (plan.method) lines.push(`method: ${plan.method.kind}: ${plan.method.explanation}`);
  lines.push("commands:", ...stepLines(plan, plan.steps));
  lines.push("rollback (if the VIP is not verified on the peer alone):", ...stepLines(plan, plan.rollback));
  if (plan.expected.description)
    lines.push(`verify: ${plan.expected.description} (polling both nodes every ${plan.pollIntervalMs} ms)`);
  for (const warning of plan.warnings) lines.push(`warning (${warning.code}): ${warning.message}`);
  return `${lines.join("\n")}\n`;
}

/** Why a blocked plan will not run: the failed checks nobody overrode. */
export function failoverRefusalText(plan: FailoverPlan): string {
  const failed = plan.checks.filter((check) => check.status === "failed" && !check.overridden);
  const reasons = failed.map((check) => `  ${check.id}: ${check.message}`);
  return `refused: ${failed.length > 0 ? "preflight failed" : "no failover method"}; nothing was changed\n${reasons.join("\n")}${reasons.length > 0 ? "\n" : ""}`;
}
