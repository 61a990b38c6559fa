/**
 * fulcrum persist-weight: a backend's weight written into the nginx or keepalived config file on a
 * host (DESIGN.md §5: "offer to write the weight into keepalived.conf"), through core's config edit:
 * plan (redacted diff, commands) -> confirm -> backup, daemon check, swap, reload -> audit entry.
 */
import { randomUUID } from "node:crypto";
import { applyConfigEdit } from "../../core/actions/config-edit/apply-config-edit.ts";
import { configEditChangeEntry } from "../../core/actions/config-edit/config-edit-change-entry.ts";
import { planConfigEdit, type ConfigEditPlan } from "../../core/actions/config-edit/plan-config-edit.ts";
import { readConfigFile } from "../../core/actions/config-edit/read-config-file.ts";
import { sessionExecutor, type HostExecutor } from "../../core/actions/host-executor.ts";
import type { HostSession } from "../../core/ssh/session.ts";
import { EXIT_FAILED, EXIT_OK } from "../exit-codes.ts";
import { connectHost } from "../host-session.ts";
import { cliActionDeps } from "./action-session.ts";
import { canAsk, confirmApply } from "./confirm-prompt.ts";
import { parsePersistWeightArgs, PERSIST_WEIGHT_USAGE } from "./persist-weight-args.ts";
import { configEditPlanText, configEditReportText } from "./persist-weight-text.ts";

function failed(message: string): number {
  process.stderr.write(`fulcrum: ${message}\n`);
  return EXIT_FAILED;
}

export interface ConfigEditRun {
  host: string;
  session: HostSession;
  executor: HostExecutor;
  dryRun: boolean;
  yes: boolean;
  /** The audit entry this edit undoes. */
  undoOf?: string;
}

/**
 * Shows the plan, asks (or takes --yes), applies, appends the audit entry and prints the report:
 * the second half of persist-weight, shared by `fulcrum undo` of a config edit.
 */
export async function confirmApplyAndAudit(plan: ConfigEditPlan, run: ConfigEditRun): Promise<number> {
  const { executor, session } = run;
  process.stdout.write(configEditPlanText(plan));
  if (run.dryRun) {
    process.stdout.write("dry run: nothing was changed\n");
    return EXIT_OK;
  }
  if (!run.yes) {
    if (!canAsk()) return failed("refusing to apply without confirmation: no terminal to ask on; pass --yes");
    if (!(await confirmApply())) return failed("not applied; nothing was changed");
  }
  const { locks, audit, who } = cliActionDeps(session);
  const report = await applyConfigEdit(plan, { hostId: run.host, executor, locks });
  const entry = configEditChangeEntry(plan, report, {
    id: randomUUID(),
    at: new Date(report.startedAt),
    who,
    hostId: run.host,
    ...(run.undoOf !== undefined ? { undoOf: run.undoOf } : {}),
  });
  await audit.appendChange(entry);
  process.stdout.write(configEditReportText(report, entry.id));
  if (run.undoOf !== undefined) process.stdout.write(`undoes audit entry: ${run.undoOf}\n`);
  return report.outcome === "verified" ? EXIT_OK : EXIT_FAILED;
}

export async function persistWeightCommand(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(PERSIST_WEIGHT_USAGE);
    return EXIT_OK;
  }
  const request = parsePersistWeightArgs(args);
  const session = await connectHost(request.host, request.sshConfig);
  try {
    const executor = sessionExecutor(session);
    const read = await readConfigFile(executor, request.target.configPath);
    if (!read.ok) return failed(`refused: ${read.reason}`);
    const planned = planConfigEdit(read.text, request.target, request.intent, new Date());
    if (!planned.ok) return failed(`refused: ${planned.refusal.message}`);
    return await confirmApplyAndAudit(planned.plan, { ...request, session, executor });
  } finally {
    session.close();
  }
}
