/**
 * An HAProxy plan and a planner refusal in the API's form (HaproxyPlanView, the refusal of a plan
 * reply). Pure: the preview shows what the plan holds, nothing recomputed.
 */
import type { HaproxyPlan, HaproxyPlanResult } from "../actions/haproxy/plan-haproxy-action.ts";
import type { HaproxyPlanReply, HaproxyPlanView } from "../api.ts";
import { socatToSocket } from "../commands/haproxy.ts";
import { toShellCommand } from "../commands/shell-quote.ts";

export function haproxyPlanView(
  planId: string,
  hostId: string,
  socket: string,
  plan: HaproxyPlan,
): HaproxyPlanView {
  const { before, expected } = plan;
  return {
    family: "haproxy",
    planId,
    hostId,
    intent: plan.intent,
    socket,
    transport: toShellCommand(socatToSocket(socket)),
    commands: [plan.command],
    before: {
      admin: before.admin,
      weight: before.weight,
      sessions: before.sessions,
      agentControlled: before.agentControlled,
    },
    expectedAfter: { admin: expected.admin, weight: expected.weight },
    warnings: plan.warnings,
    // A plan that carries guards was made with them lifted by the typed text.
    confirmedGuards: plan.guards,
  };
}

type Refused = Extract<HaproxyPlanResult, { ok: false }>;

/**
 * A guard that typing would lift is "confirmation-required" (the console then asks for the text);
 * the planner's only other refusal is a server HAProxy does not have.
 */
export function haproxyRefusal(refused: Refused): Extract<HaproxyPlanReply, { ok: false }> {
  if (refused.confirmText === undefined)
    return { ok: false, refusal: { code: "not-found", message: refused.reason } };
  return {
    ok: false,
    refusal: {
      code: "confirmation-required",
      message: refused.reason,
      confirmText: refused.confirmText,
      guards: refused.guards ?? [],
    },
  };
}
