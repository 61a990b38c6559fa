/**
 * After an action, someone else may put the weight back: keepalived rewrites a destination on
 * the backend's health-check transitions, on a reload that changes its configured weight, and on a
 * restart (a plain reload leaves it alone: measured in test/lab/keepalived), or another operator
 * does. Given the weight Fulcrum applied and a later observation, says whether it drifted.
 */
import type { RealServer } from "../model/ipvs.ts";

export type WeightDrift =
  | { kind: "weight-reverted"; applied: number; observed: number; message: string }
  | { kind: "forward-changed"; applied: string; observed: string; message: string }
  | { kind: "backend-gone"; message: string };

export interface AppliedWeight {
  backend: string;
  weight: number;
  forward?: string;
  /** Say so when keepalived manages the service: it is the likely cause. */
  keepalivedManaged?: boolean;
}

export function detectWeightDrift(
  applied: AppliedWeight,
  observed: Pick<RealServer, "weight" | "forward"> | undefined,
  at?: string,
): WeightDrift | undefined {
  const when = at ? ` at ${at}` : "";
  const who = applied.keepalivedManaged ? "keepalived" : "someone else";
  if (!observed) return { kind: "backend-gone", message: `${applied.backend} was removed${when} by ${who}` };
  if (observed.weight !== applied.weight) {
    return {
      kind: "weight-reverted",
      applied: applied.weight,
      observed: observed.weight,
      message: `weight of ${applied.backend} reverted${when} by ${who}: Fulcrum set ${applied.weight}, the table shows ${observed.weight}`,
    };
  }
  if (applied.forward !== undefined && observed.forward !== applied.forward) {
    return {
      kind: "forward-changed",
      applied: applied.forward,
      observed: observed.forward,
      message: `forwarding of ${applied.backend} changed${when} by ${who}: was ${applied.forward}, now ${observed.forward}`,
    };
  }
  return undefined;
}
