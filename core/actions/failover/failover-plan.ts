/** What planFailover produces: the checks, the chosen method, the exact commands, and what to expect. */
import type { RefusalCode } from "../action-codes.ts";

export type PreflightCheckId =
  | "nodes-reachable"
  | "keepalived-running"
  | "state-dump-read"
  | "instance-found"
  | "master-is-master"
  | "peer-is-backup"
  | "same-router"
  | "vip-lists-equal"
  | "vip-on-master-only"
  | "ipvs-tables-equivalent"
  | "sync-daemon"
  | "no-recent-transition"
  | "no-failover-in-progress"
  | "method-available";

export interface PreflightCheck {
  id: PreflightCheckId;
  status: "passed" | "failed" | "skipped";
  message: string;
  /** A failed check the operator chose to override (options.override). */
  overridden?: boolean;
  /** Why it failed, from the closed vocabulary, where one applies (method-available: keepalived-control-unknown). */
  code?: RefusalCode;
}

/**
 * restore-track-file is the undo of a track_file failover: it puts back, on the node the VIPs left,
 * the track file content the failover replaced, and that node preempts them back.
 */
export type FailoverMethodKind = "lower-priority" | "force-fault" | "stop-keepalived" | "restore-track-file";

export interface FailoverMethod {
  kind: FailoverMethodKind;
  /** Why this method, in words for the preview. */
  explanation: string;
  /** The track file written, for the track_file methods (on the master, or the peer for a restore). */
  trackFile?: {
    name: string;
    path: string;
    multiplier: number;
    value: number;
    /** The file's content when planned; null when it does not exist. */
    previous: string | null;
    /** The trimmed content the step leaves; null when the step removes the file. */
    written: string | null;
  };
}

export interface FailoverStep {
  node: "master" | "peer";
  argv: string[];
  /** What the command reads on stdin (a track file's new content), when it reads anything. */
  stdin?: string;
  /** The command as one shell line, for the preview and the audit log: toShellCommand(argv), with stdin shown as a printf pipe. */
  shell: string;
  purpose: string;
}

export type FailoverWarningCode =
  | "no-sync-daemon"
  | "split-brain-risk"
  | "blunt-method"
  | "preempt-mismatch"
  | "preempt-back"
  | "includes-not-read"
  | "ipvs-not-compared"
  | "track-file-not-restored";

export interface FailoverWarning {
  code: FailoverWarningCode;
  message: string;
}

export interface FailoverPlan {
  instance: string;
  master: string;
  peer: string;
  /** Canonical VIP addresses of the instance. */
  vips: string[];
  checks: PreflightCheck[];
  /** True when a failed check was not overridden: runFailover refuses such a plan. */
  blocked: boolean;
  method?: FailoverMethod;
  steps: FailoverStep[];
  rollback: FailoverStep[];
  expected: { description: string; vipOn: "peer"; withinMs: number };
  /** How long to wait for the VIP to come back to the master after a rollback. */
  rollbackWithinMs: number;
  pollIntervalMs: number;
  warnings: FailoverWarning[];
}
