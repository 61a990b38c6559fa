/**
 * The shared path of every action command and of undo, for every family (DESIGN.md §5): plan and
 * show the plan, then apply only after a confirmation (--yes, "Apply? [y/N]" on a terminal, or the
 * text a guard asks for: the service key, `haproxy:BACKEND`), then show the apply report and the
 * audit entry.
 *
 * Both rounds plan against the same read (the preview's basis), so the plan that runs is the plan
 * that was shown; apply's compare-and-set then aborts if the host changed in the meantime.
 */
import type { FamilyRun, FamilyRunOptions } from "../../core/actions/action-family.ts";
import type { ApplyOutcome } from "../../core/actions/action-codes.ts";
import type { GuardHit } from "../../core/actions/plan-result.ts";
import { EXIT_FAILED, EXIT_OK } from "../exit-codes.ts";
import type { ActionFlags } from "./action-flags.ts";
import { ask, canAsk, confirmApply } from "./confirm-prompt.ts";
import { refusalText } from "./refusal-text.ts";

export type PlannedRun<Plan, Basis, Report, Entry> = (
  options: FamilyRunOptions<Basis>,
) => Promise<FamilyRun<Plan, Basis, Report, Entry>>;

/** How one family's plan and report read in a terminal. */
export interface RunTexts<Plan, Report, Entry> {
  /** `pendingGuards`: guards that fired and still wait for the typed confirmation. */
  plan(plan: Plan, pendingGuards?: readonly GuardHit[]): string;
  report(report: Report, entry: Entry | undefined): string;
}

export interface PlanThenApplyResult<Plan, Basis, Report, Entry> {
  exitCode: number;
  /** The applied run, when apply was reached. */
  run?: FamilyRun<Plan, Basis, Report, Entry>;
}

function failed(message: string): { exitCode: number } {
  process.stderr.write(`fulcrum: ${message}\n`);
  return { exitCode: EXIT_FAILED };
}

export async function planThenApply<Plan, Basis, Report extends { outcome: ApplyOutcome }, Entry>(
  plannedRun: PlannedRun<Plan, Basis, Report, Entry>,
  flags: ActionFlags,
  texts: RunTexts<Plan, Report, Entry>,
): Promise<PlanThenApplyResult<Plan, Basis, Report, Entry>> {
  let confirmation = flags.confirm;
  const withConfirmation = () => (confirmation !== undefined ? { confirmation } : {});
  const preview = await plannedRun({ dryRun: true, ...withConfirmation() });
  let typedConfirmation = false;
  if (!preview.planned.ok) {
    const { refusal } = preview.planned;
    if (refusal.plan) process.stdout.write(texts.plan(refusal.plan, refusal.guards));
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
    process.stdout.write(texts.plan(preview.planned.plan));
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
  const run = await plannedRun({
    ...withConfirmation(),
    ...(preview.basis !== undefined ? { basis: preview.basis } : {}),
  });
  if (!run.planned.ok) {
    process.stderr.write(refusalText(run.planned.refusal));
    return { exitCode: EXIT_FAILED };
  }
  if (!run.report) return failed("the action was planned but not applied");
  process.stdout.write(texts.report(run.report, run.entry));
  return { exitCode: run.report.outcome === "verified" ? EXIT_OK : EXIT_FAILED, run };
}
