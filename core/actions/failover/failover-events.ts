/** Every step of a running failover, as a past-tense fact with the time it happened (epoch ms). */
import type { FailoverMethodKind } from "./failover-plan.ts";
import type { VipLocationKind } from "./vip-location.ts";

export type FailoverPhase = "act" | "rollback";

export type FailoverFailure =
  | "split-brain"
  | "vip-on-neither"
  | "vip-still-on-master"
  | "vip-on-peer"
  | "vip-partial"
  | "step-failed"
  | "node-unreachable";

export type FailoverOutcome = "moved" | "rolled-back" | "rollback-failed" | "refused";

export type FailoverEvent =
  | {
      type: "failoverStarted";
      at: number;
      instance: string;
      method: FailoverMethodKind;
      master: string;
      peer: string;
      vips: string[];
    }
  | { type: "failoverRefused"; at: number; reasons: string[] }
  | {
      type: "stepRan";
      at: number;
      phase: FailoverPhase;
      node: string;
      shell: string;
      code: number | null;
      stderr: string;
    }
  | { type: "stepFailed"; at: number; phase: FailoverPhase; node: string; shell: string; problem: string }
  | {
      type: "vipPolled";
      at: number;
      phase: FailoverPhase;
      location: VipLocationKind;
      onMaster: string[];
      onPeer: string[];
    }
  | { type: "pollFailed"; at: number; phase: FailoverPhase; node: string; problem: string }
  | { type: "vipMoved"; at: number; elapsedMs: number }
  | { type: "splitBrainDetected"; at: number; phase: FailoverPhase; vips: string[] }
  | { type: "verificationFailed"; at: number; failure: FailoverFailure; detail: string }
  | { type: "rollbackStarted"; at: number }
  | { type: "rollbackVerified"; at: number; elapsedMs: number }
  | { type: "rollbackFailed"; at: number; failure: FailoverFailure; detail: string }
  | { type: "failoverFinished"; at: number; outcome: FailoverOutcome };
