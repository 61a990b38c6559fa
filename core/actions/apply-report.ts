/** What apply did, in terms an operator and an audit log can rely on. */
import type { ApplyOutcome, CommandStatus } from "./action-codes.ts";
import type { BackendState } from "./action-plan.ts";

export type { ApplyOutcome, CommandStatus } from "./action-codes.ts";

export interface CommandOutcome {
  shell: string;
  status: CommandStatus;
  exitCode?: number | null;
  stderr?: string;
  /** The connection dropped while the command ran; its status comes from a re-read. */
  connectionLost?: boolean;
}

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
