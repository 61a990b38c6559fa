/**
 * One action end to end: read the table, plan, apply, audit (DESIGN.md §5). The carriers (CLI,
 * IPC, web socket) call this; a dry run stops after planning. Undo builds the inverse intent from
 * an audit entry and goes through the same path.
 */
import { userInfo } from "node:os";
import type { AuditLog } from "../audit/audit-log.ts";
import { auditEntryOf, type AuditWho } from "../audit/audit-entry-of.ts";
import type { AuditEntry } from "../audit/audit-entry.ts";
import { rememberedSettings } from "../audit/remembered-settings.ts";
import { undoIntent } from "../audit/undo-intent.ts";
import type { VirtualService } from "../model/ipvs.ts";
import type { ActionIntent } from "./action-intent.ts";
import type { PlanResult } from "./action-plan.ts";
import { applyPlan, type ApplyOptions } from "./apply.ts";
import type { ApplyReport } from "./apply-report.ts";
import { planAction, type PlanningState, type PlanOptions } from "./plan-action.ts";
import { readIpvsTable } from "./read-ipvs-state.ts";

export interface ActionContext extends ApplyOptions {
  host: PlanningState["host"];
  audit: AuditLog;
  /** Default: the OS user running Fulcrum, no SSH user. */
  who?: AuditWho;
  /**
   * Current services with rates (from the sampler), for predictions. Default: a fresh table read
   * (no rates, so load predictions say unknown).
   */
  services?: readonly VirtualService[];
}

export interface RunOptions extends PlanOptions {
  dryRun?: boolean;
}

export interface ActionRun {
  planned: PlanResult;
  report?: ApplyReport;
  entry?: AuditEntry;
}

export async function runAction(
  context: ActionContext,
  intent: ActionIntent,
  options: RunOptions = {},
  undoOf?: string,
): Promise<ActionRun> {
  const services = context.services ?? (await readIpvsTable(context.executor, context.commandTimeoutMs));
  const history = await context.audit.query({ hostId: context.host.id });
  const planned = planAction(
    { services, host: context.host, remembered: rememberedSettings(history, context.host.id) },
    intent,
    options,
  );
  if (!planned.ok || options.dryRun) return { planned };
  const report = await applyPlan(planned.plan, context);
  const who = context.who ?? { osUser: userInfo().username };
  const entry = auditEntryOf(planned.plan, report, who, undoOf !== undefined ? { undoOf } : {});
  await context.audit.append(entry);
  return { planned, report, entry };
}

export type UndoRun = ActionRun | { refused: string };

export async function undoAction(
  context: ActionContext,
  entryId: string,
  options: RunOptions = {},
): Promise<UndoRun> {
  const entry = await context.audit.find(entryId);
  if (!entry) return { refused: `no audit entry ${entryId}` };
  if (entry.hostId !== context.host.id)
    return { refused: `entry ${entryId} is for host ${entry.hostId}, not ${context.host.id}` };
  const inverse = undoIntent(entry);
  if (!inverse.ok) return { refused: inverse.message };
  return runAction(context, inverse.intent, options, entryId);
}
