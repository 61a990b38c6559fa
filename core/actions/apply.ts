/**
 * apply for IPVS: the family's part of the one apply loop (apply-loop.ts). The target is one
 * backend of one service as `ipvsadm -Ln --exact` and `--thresholds --exact` show it; the change
 * is the plan's ipvsadm argv, in order; a non-zero exit stops there.
 */
import type { ActionPlan, BackendState } from "./action-plan.ts";
import { applyChange, type ApplyLoopOptions, type ChangeSpec } from "./apply-loop.ts";
import type { ApplyReport } from "./apply-report.ts";
import { backendStateDiff, describeState, observeBackend, sameBackendState } from "./backend-state-diff.ts";
import { readIpvsTable } from "./read-ipvs-state.ts";

export interface ApplyOptions extends ApplyLoopOptions {
  /** Per remote command. Default 10 s. */
  commandTimeoutMs?: number;
}

export function ipvsChange(plan: ActionPlan, commandTimeoutMs = 10_000): ChangeSpec<BackendState> {
  const target = `${plan.backend} in ${plan.service}`;
  return {
    hostId: plan.hostId,
    what: `${plan.intent.kind} ${target}`,
    target,
    source: "the table",
    planned: plan.commands.map((command) => command.shell),
    report: "planned",
    read: async (executor) =>
      observeBackend(await readIpvsTable(executor, commandTimeoutMs), plan.service, plan.backend),
    changedSincePlan: (state) => backendStateDiff(plan.before, state),
    change: async (run) => {
      for (const command of plan.commands) {
        const result = await run(command.argv, { timeoutMs: commandTimeoutMs });
        if (result.code !== 0) {
          const stderr = result.stderr.trim() || "no message";
          return {
            ran: false,
            outcome: "failed",
            message: `${command.shell} failed (exit ${result.code}): ${stderr}`,
          };
        }
      }
      return { ran: true };
    },
    isExpected: (state) => sameBackendState(plan.expectedAfter, state),
    isBefore: (state) => sameBackendState(plan.before, state),
    describe: describeState,
    expected: describeState(plan.expectedAfter),
  };
}

export async function applyPlan(plan: ActionPlan, options: ApplyOptions): Promise<ApplyReport> {
  return applyChange(ipvsChange(plan, options.commandTimeoutMs), options);
}
