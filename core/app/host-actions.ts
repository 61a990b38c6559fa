/**
 * Actions on one host for the API: plan (a fresh table read, with the sampler's latest rates for
 * predictions), keep the plan under an id for the preview, apply exactly that plan (compare-and-set
 * inside applyPlan), write the audit entry and publish it. Undo goes through the same path.
 */
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import type { ActionIntent } from "../actions/action-intent.ts";
import type { ActionPlan } from "../actions/action-plan.ts";
import { applyPlan } from "../actions/apply.ts";
import type { HostActionLocks } from "../actions/host-action-lock.ts";
import type { HostExecutor } from "../actions/host-executor.ts";
import { planAction } from "../actions/plan-action.ts";
import { readIpvsTable } from "../actions/read-ipvs-state.ts";
import type { ActionResult, EventOf, HostSnapshot, PlanReply, PlanView } from "../api.ts";
import { auditEntryOf } from "../audit/audit-entry-of.ts";
import type { AuditEntry } from "../audit/audit-entry.ts";
import type { AuditLog } from "../audit/audit-log.ts";
import { rememberedSettings } from "../audit/remembered-settings.ts";
import { undoIntent } from "../audit/undo-intent.ts";
import type { VirtualService } from "../model/ipvs.ts";
import { backendKey, serviceKey } from "../model/service-key.ts";
import { DriftWatch } from "./drift-watch.ts";
import { readKeepalivedServices } from "../actions/keepalived-managed.ts";

/** A previewed plan stays applicable this long; after that the operator plans again. */
const PLAN_LIFETIME_MS = 5 * 60_000;

export interface HostActionsOptions {
  hostId: string;
  production: boolean;
  executor: HostExecutor;
  audit: AuditLog;
  locks: HostActionLocks;
  /** The sampler's latest snapshot, for rate-based predictions. */
  latest: () => HostSnapshot | null;
  onAudit: (entry: AuditEntry) => void;
  onAlert: (alert: EventOf<"alertRaised">) => void;
  sshUser?: string;
  /** Read /etc/keepalived/keepalived.conf to tell which services keepalived manages (SSH hosts). */
  readKeepalivedConfig?: boolean;
}

export class HostActions {
  readonly #options: HostActionsOptions;
  readonly #plans = new Map<string, { plan: ActionPlan; at: number; undoOf?: string }>();
  readonly #drift = new DriftWatch();

  constructor(options: HostActionsOptions) {
    this.#options = options;
  }

  async plan(intent: ActionIntent, confirmation?: string, undoOf?: string): Promise<PlanReply> {
    const { hostId, production, executor, audit } = this.#options;
    const services = withRates(await readIpvsTable(executor), this.#options.latest());
    const history = await audit.query({ hostId });
    const keepalivedServices = this.#options.readKeepalivedConfig
      ? await readKeepalivedServices(executor)
      : [];
    const result = planAction(
      {
        services,
        host: { id: hostId, production, keepalivedManaged: { services: keepalivedServices } },
        remembered: rememberedSettings(history, hostId),
      },
      intent,
      confirmation === undefined ? {} : { confirmation },
    );
    if (!result.ok) {
      const { code, message, confirmText, guards } = result.refusal;
      return {
        ok: false,
        refusal: { code, message, ...(confirmText ? { confirmText } : {}), ...(guards ? { guards } : {}) },
      };
    }
    const planId = randomUUID();
    this.#forgetOldPlans();
    this.#plans.set(planId, { plan: result.plan, at: Date.now(), ...(undoOf ? { undoOf } : {}) });
    return { ok: true, plan: planView(planId, result.plan) };
  }

  async apply(planId: string): Promise<ActionResult> {
    const stored = this.#plans.get(planId);
    if (!stored || Date.now() - stored.at > PLAN_LIFETIME_MS) {
      return {
        outcome: "refused",
        message: "this plan is unknown or older than 5 minutes: plan again",
        commands: [],
      };
    }
    this.#plans.delete(planId);
    const { executor, locks, audit, sshUser } = this.#options;
    const report = await applyPlan(stored.plan, { executor, locks });
    const { undoOf } = stored;
    const who = { osUser: userInfo().username, ...(sshUser ? { sshUser } : {}) };
    const entry = auditEntryOf(stored.plan, report, who, undoOf ? { undoOf } : {});
    const after = stored.plan.expectedAfter;
    if (report.outcome === "verified" && after.exists) {
      this.#drift.watch({
        service: stored.plan.service,
        backend: stored.plan.backend,
        weight: after.weight,
        forward: after.forward,
        keepalivedManaged: stored.plan.warnings.some((warning) => warning.code === "keepalived-managed"),
      });
    }
    // A refused apply (another action pending) ran nothing and is not an event worth keeping.
    if (report.outcome !== "refused") {
      await audit.append(entry);
      this.#options.onAudit(entry);
    }
    return {
      outcome: report.outcome,
      message: report.message,
      commands: report.commands.map((command) => ({ shell: command.shell, status: command.status })),
      ...(report.outcome !== "refused" ? { auditId: entry.id } : {}),
    };
  }

  /** Called with every new snapshot of the host: raises an alert when a change Fulcrum made drifted. */
  observe(snapshot: HostSnapshot): void {
    for (const alert of this.#drift.check(snapshot)) {
      this.#options.onAlert({
        hostId: this.#options.hostId,
        at: snapshot.at,
        kind: alert.drift.kind,
        service: alert.service,
        backend: alert.backend,
        message: alert.drift.message,
      });
    }
  }

  /** Plans the inverse of an audit entry and applies it at once (the operator asked from the entry). */
  async undo(auditId: string): Promise<ActionResult> {
    const entry = await this.#options.audit.find(auditId);
    if (!entry || entry.hostId !== this.#options.hostId) {
      return { outcome: "refused", message: `no audit entry ${auditId} for this host`, commands: [] };
    }
    const inverse = undoIntent(entry);
    if (!inverse.ok) return { outcome: "refused", message: inverse.message, commands: [] };
    const planned = await this.plan(inverse.intent, undefined, auditId);
    if (!planned.ok) return { outcome: "refused", message: planned.refusal.message, commands: [] };
    return this.apply(planned.plan.planId);
  }

  #forgetOldPlans(): void {
    const now = Date.now();
    for (const [id, stored] of this.#plans) {
      if (now - stored.at > PLAN_LIFETIME_MS) this.#plans.delete(id);
    }
  }
}

function planView(planId: string, plan: ActionPlan): PlanView {
  return {
    planId,
    hostId: plan.hostId,
    intent: plan.intent,
    service: plan.service,
    backend: plan.backend,
    commands: plan.commands.map((command) => command.shell),
    before: plan.before,
    expectedAfter: plan.expectedAfter,
    predictions: plan.predictions,
    warnings: plan.warnings,
    confirmedGuards: plan.confirmedGuards,
  };
}

/** The fresh table has weights; the sampler's snapshot has rates. Join them by service and backend. */
function withRates(services: VirtualService[], snapshot: HostSnapshot | null): VirtualService[] {
  if (!snapshot) return services;
  const sampled = new Map(snapshot.services.map((service) => [serviceKey(service), service]));
  return services.map((service) => {
    const match = sampled.get(serviceKey(service));
    if (!match) return service;
    return {
      ...service,
      ...(match.rates ? { rates: match.rates } : {}),
      realServers: service.realServers.map((server) => {
        const rates = match.realServers.find(
          (candidate) => backendKey(candidate) === backendKey(server),
        )?.rates;
        return rates ? { ...server, rates } : server;
      }),
    };
  });
}
