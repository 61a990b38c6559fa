/**
 * What planning gives, for every action family (IPVS, HAProxy, config edits, later nginx): a plan,
 * or a refusal with a code from the one vocabulary (action-codes.ts). A refusal that typed
 * confirmation can lift carries the plan it would run, so a preview can still be shown beside the
 * confirmation box, and the text to type.
 */
import type { GuardCode, RefusalCode, WarningCode } from "./action-codes.ts";

/** Something the operator should know before the change runs; it does not stop it. */
export interface PlanWarning {
  code: WarningCode;
  message: string;
}

/** A condition that makes the change wait for typed confirmation. */
export interface GuardHit {
  code: GuardCode;
  message: string;
}

export interface PlanRefusal<Plan> {
  code: RefusalCode;
  message: string;
  /** For confirmation-required: the text to type (a service key, `haproxy:BACKEND`). */
  confirmText?: string;
  guards?: GuardHit[];
  /** For confirmation-required: the plan that typing confirmText would let run. */
  plan?: Plan;
}

export type PlanResult<Plan> = { ok: true; plan: Plan } | { ok: false; refusal: PlanRefusal<Plan> };

/** One wording of the production guard, whichever family's plan it stops. */
export function productionGuard(hostId: string): GuardHit {
  return {
    code: "production",
    message: `${hostId} is a production host: every change needs typed confirmation`,
  };
}

export function refused<Plan>(code: RefusalCode, message: string): PlanResult<Plan> {
  return { ok: false, refusal: { code, message } };
}

/**
 * The end of every planner: guards that fired make the plan wait for `confirmText`, unless the
 * operator typed exactly that; then it goes ahead with the guards recorded as confirmed.
 */
export function guardedPlan<Plan extends { confirmedGuards: GuardHit[] }>(
  plan: Plan,
  guards: GuardHit[],
  confirmText: string,
  confirmation: string | undefined,
): PlanResult<Plan> {
  if (guards.length === 0) return { ok: true, plan };
  if (confirmation === confirmText) return { ok: true, plan: { ...plan, confirmedGuards: guards } };
  return {
    ok: false,
    refusal: {
      code: "confirmation-required",
      message: `${guards.map((guard) => guard.message.replace(/\.$/, "")).join("; ")}. Type ${confirmText} to confirm.`,
      confirmText,
      guards,
      plan,
    },
  };
}
