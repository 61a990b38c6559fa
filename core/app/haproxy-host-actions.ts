/**
 * HAProxy runtime actions on one host for the API, as HostActions is for IPVS: plan (the admin
 * socket found, the servers read) and keep the plan under an id for the preview; apply exactly that
 * plan (planned again against the servers the preview read, so the command that runs is the one
 * shown, and compare-and-set aborts if HAProxy moved on since); audit it as a "haproxy" change entry
 * and publish it. Undo plans the entry's inverse and applies it at once, like IPVS undo.
 */
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import type { HaproxyIntent } from "../actions/haproxy/haproxy-intent.ts";
import type { HaproxyServerView } from "../actions/haproxy/haproxy-server-view.ts";
import {
  haproxyUndoIntent,
  runHaproxyAction,
  type HaproxyActionContext,
} from "../actions/haproxy/run-haproxy-action.ts";
import type { HostActionLocks } from "../actions/host-action-lock.ts";
import type { HostExecutor } from "../actions/host-executor.ts";
import type { ActionResult, HaproxyPlanReply } from "../api.ts";
import type { AuditLog } from "../audit/audit-log.ts";
import type { ChangeEntry } from "../audit/change-entry.ts";
import { haproxyPlanView, haproxyRefusal } from "./haproxy-plan-view.ts";

/** A previewed plan stays applicable this long, as an IPVS plan does. */
const PLAN_LIFETIME_MS = 5 * 60_000;

export interface HaproxyHostActionsOptions {
  hostId: string;
  production: boolean;
  executor: HostExecutor;
  audit: AuditLog;
  locks: HostActionLocks;
  onAudit: (entry: ChangeEntry) => void;
  sshUser?: string;
  /** The admin socket, when the operator named one; else the one haproxy.cfg declares. */
  socket?: string;
  /** The host's haproxy.cfg: where the socket is declared, and whether a server-state-file is loaded. */
  configPath: string;
  verifyTimeoutMs?: number;
  pollIntervalMs?: number;
  now?: () => number;
}

interface StoredPlan {
  intent: HaproxyIntent;
  confirmation: string | undefined;
  socket: string;
  servers: readonly HaproxyServerView[];
  at: number;
  undoOf: string | undefined;
}

const refused = (message: string): ActionResult => ({ outcome: "refused", message, commands: [] });

export class HaproxyHostActions {
  readonly #options: HaproxyHostActionsOptions;
  readonly #plans = new Map<string, StoredPlan>();
  readonly #now: () => number;

  constructor(options: HaproxyHostActionsOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  async plan(intent: HaproxyIntent, confirmation?: string, undoOf?: string): Promise<HaproxyPlanReply> {
    let run;
    try {
      run = await runHaproxyAction(this.#context(), intent, {
        dryRun: true,
        ...(confirmation === undefined ? {} : { confirmation }),
      });
    } catch (error) {
      // socat missing, the socket gone, the connection lost: nothing to plan against.
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, refusal: { code: "haproxy-unreachable", message } };
    }
    if ("refused" in run) return { ok: false, refusal: { code: "no-admin-socket", message: run.refused } };
    if (!run.planned.ok) return haproxyRefusal(run.planned);
    this.#forgetOldPlans();
    const planId = randomUUID();
    this.#plans.set(planId, {
      intent,
      confirmation,
      socket: run.socket,
      servers: run.servers,
      at: this.#now(),
      undoOf,
    });
    return { ok: true, plan: haproxyPlanView(planId, this.#options.hostId, run.socket, run.planned.plan) };
  }

  /** Whether `planId` is one of this host's HAProxy plans (applyAction routes by it). */
  holds(planId: string): boolean {
    return this.#plans.has(planId);
  }

  /** Whether `auditId` is an HAProxy change entry (undoAction routes by it). */
  async isHaproxyEntry(auditId: string): Promise<boolean> {
    return (await this.#options.audit.findChange(auditId))?.type === "haproxy";
  }

  async apply(planId: string): Promise<ActionResult> {
    const stored = this.#plans.get(planId);
    if (!stored || this.#now() - stored.at > PLAN_LIFETIME_MS)
      return refused("this plan is unknown or older than 5 minutes: plan again");
    this.#plans.delete(planId);
    const run = await runHaproxyAction(
      { ...this.#context(), socket: stored.socket, servers: stored.servers },
      stored.intent,
      stored.confirmation === undefined ? {} : { confirmation: stored.confirmation },
      stored.undoOf,
    );
    if ("refused" in run) return refused(run.refused);
    if (!run.planned.ok) return refused(run.planned.reason);
    const { ended, entry } = run;
    if (!ended || !entry) return refused("the action was planned but not applied");
    this.#options.onAudit(entry);
    return {
      outcome: ended.outcome,
      message: ended.message,
      commands: entry.commands.map(({ shell, status }) => ({ shell, status })),
      auditId: entry.id,
    };
  }

  /** Plans the inverse recorded in an HAProxy change entry and applies it at once. */
  async undo(auditId: string): Promise<ActionResult> {
    const entry = await this.#options.audit.findChange(auditId);
    if (!entry || entry.hostId !== this.#options.hostId)
      return refused(`no audit entry ${auditId} for this host`);
    const inverse = haproxyUndoIntent(entry);
    if (!inverse.ok) return refused(inverse.message);
    const planned = await this.plan(inverse.intent, undefined, auditId);
    if (!planned.ok) return refused(planned.refusal.message);
    return this.apply(planned.plan.planId);
  }

  #context(): HaproxyActionContext {
    const { hostId, executor, locks, audit, production, sshUser, socket, configPath } = this.#options;
    const { verifyTimeoutMs, pollIntervalMs } = this.#options;
    return {
      hostId,
      executor,
      locks,
      audit,
      production,
      configPath,
      who: { osUser: userInfo().username, ...(sshUser === undefined ? {} : { sshUser }) },
      ...(socket === undefined ? {} : { socket }),
      ...(verifyTimeoutMs === undefined ? {} : { verifyTimeoutMs }),
      ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
    };
  }

  #forgetOldPlans(): void {
    for (const [id, stored] of this.#plans) {
      if (this.#now() - stored.at > PLAN_LIFETIME_MS) this.#plans.delete(id);
    }
  }
}
