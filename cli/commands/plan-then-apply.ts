/**
 * The shared path of every action command and of undo (DESIGN.md §5): plan and show the plan,
 * then apply only after a confirmation (--yes, "Apply? [y/N]" on a terminal, or the typed service
 * key a guard asks for), then show the apply report and the audit entry.
 *
 * Both rounds plan against the same table read, so the plan that runs is the plan that was shown;
 * apply's compare-and-set then aborts if the host changed in the meantime.
 */
import type { ActionRun, RunOptions, UndoRun } from "../../core/actions/run-action.ts";
import { EXIT_FAILED, EXIT_OK } from "../exit-codes.ts";
import type { ActionFlags } from "./action-flags.ts";
import { applyReportText } from "./apply-report-text.ts";
import { ask, canAsk, confirmApply } from "./confirm-prompt.ts";
import { planText, refusalText } from "./plan-text.ts";

export type PlannedRun = (options: RunOptions) => Promise<UndoRun>;

export interface PlanThenApplyResult {
  exitCode: number;
  /** The applied run, when apply was reached. */
  run?: ActionRun;
}

const failed = (message: string): PlanThenApplyResult => {
  process.stderr.write(`fulcrum: ${message}\n`);
  return { exitCode: EXIT_FAILED };
};

export async function planThenApply(
  plannedRun: PlannedRun,
  flags: ActionFlags,
): Promise<PlanThenApplyResult> {
  let confirmation = flags.confirm;
  const preview = await plannedRun({ dryRun: true, ...(confirmation !== undefined ? { confirmation } : {}) });
  if ("refused" in preview) return failed(`refused: ${preview.refused}`);
  let typedConfirmation = false;
  if (!preview.planned.ok) {
    const { refusal } = preview.planned;
    if (refusal.plan) process.stdout.write(planText(refusal.plan, refusal.guards));
    const mayAsk =
      refusal.confirmText !== undefined && confirmation === undefined && !flags.yes && !flags.dryRun;
    if (!mayAsk || !canAsk()) {
      process.stderr.write(refusalText(refusal));
      return { exitCode: EXIT_FAILED };
    }
    process.stdout.write(refusalText({ ...refusal, confirmText: undefined }));
    const typed = await ask(`Type ${refusal.confirmText} to confirm (anything else cancels): `);
    if (typed !== refusal.confirmText) return failed("not confirmed; nothing was changed");
    confirmation = typed;
    typedConfirmation = true;
  } else {
    process.stdout.write(planText(preview.planned.plan));
  }
  if (flags.dryRun) {
    process.stdout.write("dry run: nothing was changed\n");
    return { exitCode: EXIT_OK };
  }
  if (!flags.yes && !typedConfirmation) {
    if (!canAsk())
      return failed("refusing to apply without confirmation: no terminal to ask on; pass --yes to apply");
    if (!(await confirmApply())) return failed("not applied; nothing was changed");
  }
  const run = await plannedRun(confirmation !== undefined ? { confirmation } : {});
  if ("refused" in run) return failed(`refused: ${run.refused}`);
  if (!run.planned.ok) {
    process.stderr.write(refusalText(run.planned.refusal));
    return { exitCode: EXIT_FAILED };
  }
  if (!run.report) return failed("the action was planned but not applied");
  process.stdout.write(applyReportText(run.report, run.entry));
  return { exitCode: run.report.outcome === "verified" ? EXIT_OK : EXIT_FAILED, run };
}
