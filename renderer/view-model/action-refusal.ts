/**
 * A plan the core would not make. "confirmation-required" is not a dead end: the guards say what
 * would go wrong, and typing the service key (confirmText) lifts them for one plan. Any other
 * refusal is final for this intent.
 */
import type { PlanReply } from "../../core/api.ts";

export type Refusal = Extract<PlanReply, { ok: false }>["refusal"];

export interface RefusalView {
  code: Refusal["code"];
  message: string;
  /** Set when typing this text lets the operator plan again with the guards lifted. */
  confirmText: string | undefined;
  guards: NonNullable<Refusal["guards"]>;
}

export function toRefusalView(refusal: Refusal): RefusalView {
  return {
    code: refusal.code,
    message: refusal.message,
    confirmText: refusal.code === "confirmation-required" ? refusal.confirmText : undefined,
    guards: refusal.guards ?? [],
  };
}

/**
 * The typed text must be the service key exactly (surrounding spaces forgiven): a near miss such as
 * the wrong port is exactly the mistake the guard is there to catch.
 */
export function confirmationMatches(typed: string, confirmText: string | undefined): boolean {
  return confirmText !== undefined && confirmText !== "" && typed.trim() === confirmText;
}
