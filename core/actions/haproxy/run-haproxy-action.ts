/**
 * The HAProxy action family on the one path (action-family.ts): plans are made against the admin
 * socket's servers (the socket the operator named, else the one haproxy.cfg declares); apply is the
 * HAProxy part of the apply loop; entries are "haproxy" change entries whose `undo` is the inverse
 * intent, so an undo is planned, guarded and verified like any action.
 */
import type { AuditWho } from "../../audit/audit-entry-of.ts";
import { alreadyUndoneText } from "../../../shared/undo-chain.ts";
import type { AuditLog } from "../../audit/audit-log.ts";
import type { ChangeEntry } from "../../audit/change-entry.ts";
import {
  entryOfHost,
  runFamilyAction,
  undoFamilyAction,
  type ActionFamily,
  type FamilyRun,
  type FamilyRunOptions,
  type UndoIntent,
} from "../action-family.ts";
import type { ApplyLoopOptions } from "../apply-loop.ts";
import { currentOsUser } from "../current-os-user.ts";
import { applyHaproxyPlan, type HaproxyApplyReport } from "./apply-haproxy-plan.ts";
import { haproxyChangeEntry } from "./haproxy-change-entry.ts";
import { haproxyChangedSince } from "./haproxy-undo-check.ts";
import { HaproxyIntentSchema } from "./haproxy-intent-record.ts";
import type { HaproxyIntent } from "./haproxy-intent.ts";
import { readHaproxyServers, type HaproxyServerView } from "./haproxy-server-view.ts";
import { planHaproxyAction, type HaproxyPlan } from "./plan-haproxy-action.ts";
import { resolveHaproxySocket } from "./resolve-haproxy-socket.ts";
import { readServerStateFileConfigured } from "./server-state-file.ts";

export interface HaproxyActionContext extends ApplyLoopOptions {
  hostId: string;
  audit: AuditLog;
  /** Default: the OS user running Fulcrum, no SSH user. */
  who?: AuditWho;
  /** Every change then needs the typed `haproxy:BACKEND`. */
  production?: boolean;
  /** The admin socket the operator named; else the one haproxy.cfg declares. */
  socket?: string;
  /** The host's haproxy.cfg: where to find the socket, and whether a server-state-file is loaded. */
  configPath: string;
}

/** What an HAProxy plan is made against. */
export interface HaproxyBasis {
  socket: string;
  servers: readonly HaproxyServerView[];
  /** Whether haproxy.cfg loads a server-state-file; undefined: it could not be read. */
  serverStateFile?: boolean;
}

export type HaproxyFamily = ActionFamily<
  HaproxyIntent,
  HaproxyPlan,
  HaproxyBasis,
  HaproxyApplyReport,
  ChangeEntry
>;
export type HaproxyRun = FamilyRun<HaproxyPlan, HaproxyBasis, HaproxyApplyReport, ChangeEntry>;
export type HaproxyRunOptions = FamilyRunOptions<HaproxyBasis>;

/** The inverse intent recorded in a change entry, validated; a refusal says why there is none. */
export function haproxyUndoIntent(entry: ChangeEntry): UndoIntent<HaproxyIntent> {
  if (entry.type !== "haproxy")
    return {
      ok: false,
      code: "wrong-family",
      message: `entry ${entry.id} is a ${entry.type} change, not an HAProxy action`,
    };
  if (entry.undo === undefined)
    return {
      ok: false,
      code: "nothing-to-undo",
      message: `entry ${entry.id} changed nothing (${entry.result}); there is nothing to undo`,
    };
  const parsed = HaproxyIntentSchema.safeParse(entry.undo);
  if (!parsed.success)
    return {
      ok: false,
      code: "entry-incomplete",
      message: `entry ${entry.id} has an undo record that does not validate: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`,
    };
  return { ok: true, intent: parsed.data };
}

export function haproxyFamily(context: HaproxyActionContext): HaproxyFamily {
  const { hostId } = context;
  const who = context.who ?? { osUser: currentOsUser() };
  return {
    readBasis: async () => {
      const resolved = await resolveHaproxySocket(context.executor, {
        ...(context.socket !== undefined ? { socket: context.socket } : {}),
        configPath: context.configPath,
      });
      if (!resolved.ok) return { refusal: { code: "no-admin-socket", message: resolved.reason } };
      const servers = await readHaproxyServers(context.executor, resolved.socket);
      const serverStateFile = await readServerStateFileConfigured(context.executor, context.configPath);
      return {
        socket: resolved.socket,
        servers,
        ...(serverStateFile !== undefined ? { serverStateFile } : {}),
      };
    },
    plan: (basis, intent, confirmation) =>
      planHaproxyAction(basis.servers, intent, {
        hostId,
        socket: basis.socket,
        ...(basis.serverStateFile !== undefined ? { serverStateFile: basis.serverStateFile } : {}),
        ...(confirmation !== undefined ? { confirmation } : {}),
        ...(context.production === true ? { production: true } : {}),
      }),
    apply: (plan) => applyHaproxyPlan(plan, context),
    entry: (plan, report, undoOf) =>
      haproxyChangeEntry(plan, report, who, undoOf !== undefined ? { undoOf } : {}),
    record: (entry) => context.audit.appendChange(entry),
    undoIntent: async (entryId) => {
      const history = await context.audit.queryChanges({ hostId });
      const found = entryOfHost(
        history.find((candidate) => candidate.id === entryId) ?? (await context.audit.findChange(entryId)),
        entryId,
        hostId,
      );
      if (!("entry" in found)) return found;
      const { entry } = found;
      const undone = alreadyUndoneText(entryId, history);
      if (undone !== undefined) return { ok: false, code: "already-undone", message: undone };
      const inverse = haproxyUndoIntent(entry);
      if (!inverse.ok) return inverse;
      return {
        ...inverse,
        changedSince: (basis: HaproxyBasis) => haproxyChangedSince(entry, history, basis.servers),
      };
    },
  };
}

export function runHaproxyAction(
  context: HaproxyActionContext,
  intent: HaproxyIntent,
  options: HaproxyRunOptions = {},
  undoOf?: string,
): Promise<HaproxyRun> {
  return runFamilyAction(haproxyFamily(context), intent, options, undoOf);
}

export function undoHaproxyChange(
  context: HaproxyActionContext,
  entryId: string,
  options: HaproxyRunOptions = {},
): Promise<HaproxyRun> {
  return undoFamilyAction(haproxyFamily(context), entryId, options);
}
