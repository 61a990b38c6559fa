/**
 * The result of planning: either a plan (exact commands, predicted effect, warnings) or a refusal
 * with a typed reason. A refusal that typed confirmation can lift carries the plan it would run,
 * so the preview can still be shown next to the confirmation box.
 */
import type { ForwardMethod } from "../model/ipvs.ts";
import type { ActionIntent, BackendSettings } from "./action-intent.ts";
import type {
  GuardHit,
  PlanRefusal as FamilyPlanRefusal,
  PlanResult as FamilyPlanResult,
  PlanWarning,
} from "./plan-result.ts";

export type { GuardHit, PlanWarning } from "./plan-result.ts";

/** One backend as the compare-and-set and the verification see it. */
export type BackendState =
  | { exists: false }
  | {
      exists: true;
      forward: ForwardMethod;
      weight: number;
      /** -x / -y; undefined when the listing that was read does not print them. */
      upperThreshold?: number;
      lowerThreshold?: number;
    };

export interface PlannedCommand {
  argv: string[];
  /** toShellCommand(argv): what the preview shows and the audit log keeps. */
  shell: string;
}

/** Predicted share of NEW connections and load, for one backend that keeps receiving traffic. */
export interface BackendPrediction {
  backend: string;
  weightAfter: number;
  /** Fraction 0..1 of new connections, or "unknown" (hashing schedulers, persistence). */
  share: number | "unknown";
  /** New connections per second at the service's current rate. */
  cps: number | "unknown";
  /** Connections (active + inactive) expected once the current rate has settled on the new split. */
  connections: number | "unknown";
  inBps: number | "unknown";
  /** Unknown for DR/TUN: replies bypass the director. */
  outBps: number | "unknown";
  /** Connection capacity used for the guard: -x when set, else the configured default. */
  capacity?: number;
}

export interface ActionPlan {
  hostId: string;
  intent: ActionIntent;
  /** Canonical serviceKey()/backendKey() of the target. */
  service: string;
  backend: string;
  commands: PlannedCommand[];
  before: BackendState;
  expectedAfter: BackendState;
  /** Settings to remember for undrain/restore (drain and remove). */
  remembered?: BackendSettings;
  predictions: BackendPrediction[];
  warnings: PlanWarning[];
  /** Guards that fired and were lifted by typed confirmation. */
  confirmedGuards: GuardHit[];
}

/** A refusal of an IPVS plan; confirmation-required carries the plan typing would let run. */
export type PlanRefusal = FamilyPlanRefusal<ActionPlan>;
export type PlanResult = FamilyPlanResult<ActionPlan>;
