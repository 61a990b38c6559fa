/**
 * plan-then-apply.ts for HAProxy actions: plan and show it, then apply only after a confirmation
 * (--yes, "Apply? [y/N]" on a terminal, or the typed `haproxy:BACKEND` a guard asks for), then show
 * the outcome and the audit entry. The apply round plans against the servers the preview read, so
 * the plan that runs is the plan shown; compare-and-set then aborts if HAProxy moved on since.
 */
import type {
  HaproxyRun,
  HaproxyRunOptions,
  HaproxyRunResult,
} from "../../core/actions/haproxy/run-haproxy-action.ts";
import type { HaproxyServerView } from "../../core/actions/haproxy/haproxy-server-view.ts";
import { EXIT_FAILED, EXIT_OK } from "../exit-codes.ts";
import type { ActionFlags } from "./action-flags.ts";
import { ask, canAsk, confirmApply } from "./confirm-prompt.ts";
import { haproxyOutcomeText, haproxyPlanText } from "./haproxy-plan-text.ts";

export type HaproxyPlannedRun = (
  options: HaproxyRunOptions,
  servers?: readonly HaproxyServerView[],
) => Promise<HaproxyRunResult>;

export interface HaproxyPlanThenApplyResult {
  exitCode: number;
  run?: HaproxyRun;
}

const failed = (message: string): HaproxyPlanThenApplyResult => {
  process.stderr.write(`fulcrum: ${message}\n`);
  return { exitCode: EXIT_FAILED };
};

export async function haproxyPlanThenApply(
  plannedRun: HaproxyPlannedRun,
  flags: ActionFlags,
  hostId: string,
): Promise<HaproxyPlanThenApplyResult> {
  let confirmation = flags.confirm;
  const withConfirmation = () => (confirmation !== undefined ? { confirmation } : {});
  const preview = await plannedRun({ dryRun: true, ...withConfirmation() });
  if ("refused" in preview) return failed(`refused: ${preview.refused}`);
  let typedConfirmation = false;
  if (!preview.planned.ok) {
    const { reason, confirmText } = preview.planned;
    const mayAsk = confirmText !== undefined && confirmation === undefined && !flags.yes && !flags.dryRun;
    if (!mayAsk || !canAsk()) return failed(`refused: ${reason}`);
    process.stdout.write(`${reason}\n`);
    const typed = await ask(`Type ${confirmText} to confirm (anything else cancels): `);
    if (typed !== confirmText) return failed("not confirmed; nothing was changed");
    confirmation = typed;
    typedConfirmation = true;
    const confirmed = await plannedRun({ dryRun: true, confirmation }, preview.servers);
    if ("refused" in confirmed) return failed(`refused: ${confirmed.refused}`);
    if (!confirmed.planned.ok) return failed(`refused: ${confirmed.planned.reason}`);
    process.stdout.write(haproxyPlanText(confirmed.planned.plan, hostId, confirmed.socket));
  } else {
    process.stdout.write(haproxyPlanText(preview.planned.plan, hostId, preview.socket));
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
  const run = await plannedRun(withConfirmation(), preview.servers);
  if ("refused" in run) return failed(`refused: ${run.refused}`);
  if (!run.planned.ok) return failed(`refused: ${run.planned.reason}`);
  if (!run.ended) return failed("the action was planned but not applied");
  process.stdout.write(haproxyOutcomeText(run.ended, run.entry));
  return { exitCode: run.ended.outcome === "verified" ? EXIT_OK : EXIT_FAILED, run };
}
