/**
 * One HAProxy action end to end (DESIGN.md §5): find the admin socket, read the servers, plan,
 * stop there for a dry run, else apply (compare-and-set, runtime command, verify) and append a
 * "haproxy" change entry whose `undo` is the inverse intent. undoHaproxyChange runs that inverse
 * through the same path, so an undo is planned, guarded and verified like any action.
 */
import { userInfo } from "node:os";
import type { AuditWho } from "../../audit/audit-entry-of.ts";
import type { AuditLog } from "../../audit/audit-log.ts";
import type { ChangeEntry } from "../../audit/change-entry.ts";
import type { HostActionLocks } from "../host-action-lock.ts";
import type { HostExecutor } from "../host-executor.ts";
import { applyHaproxyPlan } from "./apply-haproxy-plan.ts";
import { haproxyChangeEntry, type HaproxyOutcome } from "./haproxy-change-entry.ts";
import { HaproxyIntentSchema } from "./haproxy-intent-record.ts";
import type { HaproxyIntent } from "./haproxy-intent.ts";
import { readHaproxyServers, type HaproxyServerView } from "./haproxy-server-view.ts";
import { planHaproxyAction, type HaproxyPlanResult } from "./plan-haproxy-action.ts";
import { resolveHaproxySocket } from "./resolve-haproxy-socket.ts";
import { readServerStateFileConfigured } from "./server-state-file.ts";

export interface HaproxyActionContext {
  hostId: string;
  executor: HostExecutor;
  locks: HostActionLocks;
  audit: AuditLog;
  /** Default: the OS user running Fulcrum, no SSH user. */
  who?: AuditWho;
  /** Every change then needs the typed `haproxy:BACKEND`. */
  production?: boolean;
  /** The admin socket the operator named; else the one haproxy.cfg declares. */
  socket?: string;
  /** The host's haproxy.cfg: where to find the socket, and whether a server-state-file is loaded. */
  configPath: string;
  /**
   * The servers as already read (a preview and its apply plan against the same read, so the plan
   * that runs is the plan shown). Default: a fresh read.
   */
  servers?: readonly HaproxyServerView[];
  verifyTimeoutMs?: number;
  pollIntervalMs?: number;
}

export interface HaproxyRunOptions {
  dryRun?: boolean;
  /** The typed `haproxy:BACKEND` a guard asks for. */
  confirmation?: string;
}

export interface HaproxyRun {
  socket: string;
  /** The servers the plan was made against. */
  servers: readonly HaproxyServerView[];
  planned: HaproxyPlanResult;
  ended?: HaproxyOutcome;
  entry?: ChangeEntry;
}

export type HaproxyRunResult = HaproxyRun | { refused: string };

export async function runHaproxyAction(
  context: HaproxyActionContext,
  intent: HaproxyIntent,
  options: HaproxyRunOptions = {},
  undoOf?: string,
): Promise<HaproxyRunResult> {
  const resolved = await resolveHaproxySocket(context.executor, {
    ...(context.socket !== undefined ? { socket: context.socket } : {}),
    configPath: context.configPath,
  });
  if (!resolved.ok) return { refused: resolved.reason };
  const { socket } = resolved;
  const servers = context.servers ?? (await readHaproxyServers(context.executor, socket));
  const serverStateFile = await readServerStateFileConfigured(context.executor, context.configPath);
  const planned = planHaproxyAction(servers, intent, {
    ...(serverStateFile !== undefined ? { serverStateFile } : {}),
    ...(options.confirmation !== undefined ? { confirmation: options.confirmation } : {}),
    ...(context.production === true ? { production: true } : {}),
  });
  if (!planned.ok || options.dryRun) return { socket, servers, planned };

  const at = new Date();
  let ended: HaproxyOutcome;
  try {
    ended = await applyHaproxyPlan(planned.plan, {
      hostId: context.hostId,
      socket,
      executor: context.executor,
      locks: context.locks,
      ...(context.verifyTimeoutMs !== undefined ? { verifyTimeoutMs: context.verifyTimeoutMs } : {}),
      ...(context.pollIntervalMs !== undefined ? { pollIntervalMs: context.pollIntervalMs } : {}),
    });
  } catch (error) {
    // The socket or the connection broke mid-way: whether HAProxy took the command is unknown,
    // and the log must say so rather than lose the attempt.
    ended = { outcome: "unknown", message: error instanceof Error ? error.message : String(error) };
  }
  const who = context.who ?? { osUser: userInfo().username };
  const entry = haproxyChangeEntry(context.hostId, planned.plan, ended, who, {
    at,
    ...(undoOf !== undefined ? { undoOf } : {}),
  });
  await context.audit.appendChange(entry);
  return { socket, servers, planned, ended, entry };
}

export type HaproxyUndoIntent = { ok: true; intent: HaproxyIntent } | { ok: false; message: string };

/** The inverse intent recorded in a change entry, validated; a refusal says why there is none. */
export function haproxyUndoIntent(entry: ChangeEntry): HaproxyUndoIntent {
  if (entry.type !== "haproxy")
    return { ok: false, message: `entry ${entry.id} is a ${entry.type} change, not an HAProxy action` };
  if (entry.undo === undefined)
    return {
      ok: false,
      message: `entry ${entry.id} changed nothing (${entry.result}); there is nothing to undo`,
    };
  const parsed = HaproxyIntentSchema.safeParse(entry.undo);
  if (!parsed.success)
    return {
      ok: false,
      message: `entry ${entry.id} has an undo record that does not validate: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`,
    };
  return { ok: true, intent: parsed.data };
}

export async function undoHaproxyChange(
  context: HaproxyActionContext,
  entryId: string,
  options: HaproxyRunOptions = {},
): Promise<HaproxyRunResult> {
  const entry = await context.audit.findChange(entryId);
  if (!entry) return { refused: `no audit entry ${entryId}` };
  if (entry.hostId !== context.hostId)
    return { refused: `entry ${entryId} is for host ${entry.hostId}, not ${context.hostId}` };
  const inverse = haproxyUndoIntent(entry);
  if (!inverse.ok) return { refused: inverse.message };
  return runHaproxyAction(context, inverse.intent, options, entryId);
}
