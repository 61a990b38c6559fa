/** What planFailover produces: the checks, the chosen method, the exact commands, and what to expect. */

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
}

export type FailoverMethodKind = "lower-priority" | "force-fault" | "stop-keepalived";

export interface FailoverMethod {
  kind: FailoverMethodKind;
  /** Why this method, in words for the preview. */
  explanation: string;
  /** The track file written, for the two track_file methods. */
  trackFile?: { name: string; path: string; multiplier: number; value: number; previous: string | null };
}

export interface FailoverStep {
  node: "master" | "peer";
  argv: string[];
  /** toShellCommand(argv), for the preview and the audit log. */
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
  | "ipvs-not-compared";

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
