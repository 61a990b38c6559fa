/**
 * The IPVS action family on the one path (action-family.ts): plans are made against the table (with
 * the sampler's rates when the caller has them) and the settings earlier drains remembered; apply
 * is the IPVS part of the apply loop (apply.ts); entries are IPVS audit entries, and undo takes the
 * inverse intent an entry implies (core/audit/undo-intent.ts).
 */
import { alreadyUndoneText } from "../../shared/undo-chain.ts";
import type { AuditLog } from "../audit/audit-log.ts";
import { auditEntryOf, type AuditWho } from "../audit/audit-entry-of.ts";
import type { AuditEntry } from "../audit/audit-entry.ts";
import { rememberedSettings } from "../audit/remembered-settings.ts";
import { undoIntent } from "../audit/undo-intent.ts";
import { ipvsChangedSince } from "../audit/ipvs-undo-check.ts";
import type { VirtualService } from "../model/ipvs.ts";
import {
  entryOfHost,
  runFamilyAction,
  undoFamilyAction,
  type ActionFamily,
  type FamilyRun,
  type FamilyRunOptions,
} from "./action-family.ts";
import type { ActionIntent } from "./action-intent.ts";
import type { ActionPlan } from "./action-plan.ts";
import { applyPlan, type ApplyOptions } from "./apply.ts";
import type { ApplyReport } from "./apply-report.ts";
import { currentOsUser } from "./current-os-user.ts";
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
  services?: readonly VirtualService[] | (() => Promise<readonly VirtualService[]>);
  /** Which services keepalived manages, read per plan (else `host.keepalivedManaged`). */
  keepalivedServices?: () => Promise<readonly string[]>;
  /** Capacity settings for the guards. */
  planOptions?: Omit<PlanOptions, "confirmation">;
}

export type IpvsFamily = ActionFamily<ActionIntent, ActionPlan, PlanningState, ApplyReport, AuditEntry>;
export type ActionRun = FamilyRun<ActionPlan, PlanningState, ApplyReport, AuditEntry>;
export type RunOptions = FamilyRunOptions<PlanningState>;

async function servicesOf(context: ActionContext): Promise<readonly VirtualService[]> {
  const { services } = context;
  if (typeof services === "function") return services();
  return services ?? readIpvsTable(context.executor, context.commandTimeoutMs);
}

export function ipvsFamily(context: ActionContext): IpvsFamily {
  const hostId = context.host.id;
  const who = context.who ?? { osUser: currentOsUser() };
  return {
    readBasis: async () => {
      const services = await servicesOf(context);
      const host = context.keepalivedServices
        ? { ...context.host, keepalivedManaged: { services: await context.keepalivedServices() } }
        : context.host;
      const history = await context.audit.query({ hostId });
      return { services, host, remembered: rememberedSettings(history, hostId) };
    },
    plan: (basis, intent, confirmation) =>
      planAction(basis, intent, {
        ...context.planOptions,
        ...(confirmation !== undefined ? { confirmation } : {}),
      }),
    apply: (plan) => applyPlan(plan, context),
    entry: (plan, report, undoOf) => auditEntryOf(plan, report, who, undoOf !== undefined ? { undoOf } : {}),
    record: (entry) => context.audit.append(entry),
    undoIntent: async (entryId) => {
      const history = await context.audit.query({ hostId });
      const found = entryOfHost(
        history.find((candidate) => candidate.id === entryId) ?? (await context.audit.find(entryId)),
        entryId,
        hostId,
      );
      if (!("entry" in found)) return found;
      const { entry } = found;
      const undone = alreadyUndoneText(entryId, history);
      if (undone !== undefined) return { ok: false, code: "already-undone", message: undone };
      const inverse = undoIntent(entry);
      if (!inverse.ok) return inverse;
      return {
        ...inverse,
        changedSince: (basis: PlanningState) => ipvsChangedSince(entry, history, basis.services),
      };
    },
  };
}

export function runAction(
  context: ActionContext,
  intent: ActionIntent,
  options: RunOptions = {},
  undoOf?: string,
): Promise<ActionRun> {
  return runFamilyAction(ipvsFamily(context), intent, options, undoOf);
}

export function undoAction(
  context: ActionContext,
  entryId: string,
  options: RunOptions = {},
): Promise<ActionRun> {
  return undoFamilyAction(ipvsFamily(context), entryId, options);
}
