/** What apply did, in terms an operator and an audit log can rely on. */
import type { BackendState } from "./action-plan.ts";

/** Whether a command took effect on the host; "unknown" only when no re-read could tell. */
export type CommandStatus = "applied" | "not-applied" | "unknown" | "not-run";

export interface CommandOutcome {
  shell: string;
  status: CommandStatus;
  exitCode?: number | null;
  stderr?: string;
  /** The connection dropped while the command ran; its status comes from a re-read. */
  connectionLost?: boolean;
}

export type ApplyOutcome =
  /** Ran, and a re-read shows the expected state. */
  | "verified"
  /** Ran (exit 0) but the expected state was not seen within the verification bound. */
  | "not-verified"
  /** Compare-and-set: the target changed since the plan; nothing was run. */
  | "aborted"
  /** Another action is pending on this host; nothing was run. */
  | "refused"
  /** The command failed or was shown not to have run. */
  | "failed"
  /** The connection dropped and no re-read could tell what happened. */
  | "unknown";

export interface ApplyReport {
  hostId: string;
  outcome: ApplyOutcome;
  message: string;
  commands: CommandOutcome[];
  /** The target as read right before running (compare-and-set). */
  observedBefore?: BackendState;
  /** The target as last read after running. */
  observedAfter?: BackendState;
  startedAt: number;
  finishedAt: number;
}
