/**
 * Plans in the API's form (PlanView for IPVS, HaproxyPlanView), under the id applyAction takes.
 * Pure: the preview shows what the plan holds, nothing recomputed.
 */
import type { ActionPlan } from "../actions/action-plan.ts";
import type { HaproxyPlan } from "../actions/haproxy/plan-haproxy-action.ts";
import type { HaproxyPlanView, PlanView } from "../api.ts";
import { socatToSocket } from "../commands/haproxy.ts";
import { toShellCommand } from "../commands/shell-quote.ts";

export function ipvsPlanView(planId: string, plan: ActionPlan): PlanView {
  return {
    planId,
    hostId: plan.hostId,
    intent: plan.intent,
    service: plan.service,
    backend: plan.backend,
    commands: plan.commands.map((command) => command.shell),
    before: plan.before,
    expectedAfter: plan.expectedAfter,
    predictions: plan.predictions,
    warnings: plan.warnings,
    confirmedGuards: plan.confirmedGuards,
  };
}

export function haproxyPlanView(planId: string, plan: HaproxyPlan): HaproxyPlanView {
  const { before, expected } = plan;
  return {
    family: "haproxy",
    planId,
    hostId: plan.hostId,
    intent: plan.intent,
    socket: plan.socket,
    transport: toShellCommand(socatToSocket(plan.socket)),
    commands: [plan.command],
    before: {
      admin: before.admin,
      weight: before.weight,
      sessions: before.sessions,
      agentControlled: before.agentControlled,
    },
    expectedAfter: { admin: expected.admin, weight: expected.weight },
    warnings: plan.warnings,
    confirmedGuards: plan.confirmedGuards,
  };
}
