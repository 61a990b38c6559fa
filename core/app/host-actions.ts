/**
 * Actions on one host for the API, for every family the host has (IPVS, HAProxy; later nginx): plan
 * (a fresh read, with the sampler's latest rates for IPVS predictions) and keep the plan under an id
 * for the preview; apply exactly that plan through the family (the one apply loop: compare-and-set,
 * verify, resolve after a lost connection); write the audit entry and publish it. One plan store
 * and one lifetime for every family; undo plans the inverse an entry recorded and applies it at
 * once, whichever family wrote the entry (host-action-routes.ts tells them apart).
 */
import { randomUUID } from "node:crypto";
import type { RefusalCode } from "../actions/action-codes.ts";
import {
  applyFamilyPlan,
  planFamilyAction,
  planFamilyUndo,
  type ActionFamily,
} from "../actions/action-family.ts";
import type { ActionIntent } from "../actions/action-intent.ts";
import type { ActionPlan } from "../actions/action-plan.ts";
import type { ApplyLoopOptions } from "../actions/apply-loop.ts";
import type { ApplyReport, CommandOutcome } from "../actions/apply-report.ts";
import type { HaproxyIntent } from "../actions/haproxy/haproxy-intent.ts";
import type { HaproxyApplyReport } from "../actions/haproxy/apply-haproxy-plan.ts";
import { haproxyFamily, type HaproxyBasis } from "../actions/haproxy/run-haproxy-action.ts";
import type { HaproxyPlan } from "../actions/haproxy/plan-haproxy-action.ts";
import type { HostActionLocks } from "../actions/host-action-lock.ts";
import type { HostExecutor } from "../actions/host-executor.ts";
import { readKeepalivedServices } from "../actions/keepalived-managed.ts";
import { currentOsUser } from "../actions/current-os-user.ts";
import type { PlanRefusal, PlanResult } from "../actions/plan-result.ts";
import type { PlanningState } from "../actions/plan-action.ts";
import { readIpvsTable } from "../actions/read-ipvs-state.ts";
import { ipvsFamily } from "../actions/run-action.ts";
import type {
  ActionResult,
  AuditRecordView,
  EventOf,
  HaproxyPlanReply,
  HaproxyPlanView,
  HostSnapshot,
  PlanReply,
  PlanView,
} from "../api.ts";
import type { AuditEntry } from "../audit/audit-entry.ts";
import type { AuditLog } from "../audit/audit-log.ts";
import type { ChangeEntry } from "../audit/change-entry.ts";
import { DriftWatch } from "./drift-watch.ts";
import { familyOfEntry, type ActionFamilyName } from "./host-action-routes.ts";
import { haproxyPlanView, ipvsPlanView } from "./plan-views.ts";
import { withRates } from "./services-with-rates.ts";

/** A previewed plan stays applicable this long; after that the operator plans again. */
const PLAN_LIFETIME_MS = 5 * 60_000;

/** Timing of the apply loop, for tests and slow hosts. */
type LoopTiming = Pick<ApplyLoopOptions, "verifyTimeoutMs" | "pollIntervalMs" | "now" | "sleep">;

export interface HostActionsOptions {
  hostId: string;
  production: boolean;
  audit: AuditLog;
  locks: HostActionLocks;
  onAudit: (entry: AuditRecordView) => void;
  onAlert: (alert: EventOf<"alertRaised">) => void;
  sshUser?: string;
  /** The host's IPVS table; absent where it has none to change. */
  ipvs?: {
    executor: HostExecutor;
    /** The sampler's latest snapshot, for rate-based predictions. */
    latest: () => HostSnapshot | null;
    /**
     * The keepalived.conf to read (with its includes) to tell which services keepalived manages
     * (SSH hosts: KEEPALIVED_CONFIG); absent, none is read.
     */
    keepalivedConfig?: string;
  };
  /** The host's HAProxy, through its admin socket; absent where there is none. */
  haproxy?: {
    executor: HostExecutor;
    /** The admin socket, when the operator named one; else the one haproxy.cfg declares. */
    socket?: string;
    /** The host's haproxy.cfg: where the socket is declared, and whether a server-state-file is loaded. */
    configPath: string;
  };
  timing?: LoopTiming;
  now?: () => number;
}

interface StoredPlan {
  at: number;
  apply: () => Promise<ActionResult>;
}

interface ReportLike {
  outcome: ActionResult["outcome"];
  message: string;
  commands: CommandOutcome[];
}

/** What the store needs of a family: its core half, the view of a plan, and what follows a verified apply. */
interface FamilyBinding<Intent, Plan, Basis, Report extends ReportLike, Entry extends AuditRecordView, View> {
  family: ActionFamily<Intent, Plan, Basis, Report, Entry>;
  view: (planId: string, plan: Plan) => View;
  afterVerified?: (plan: Plan) => void;
}

type Reply<View> = { ok: true; plan: View } | Extract<PlanReply, { ok: false }>;

type IpvsBinding = FamilyBinding<ActionIntent, ActionPlan, PlanningState, ApplyReport, AuditEntry, PlanView>;
type HaproxyBinding = FamilyBinding<
  HaproxyIntent,
  HaproxyPlan,
  HaproxyBasis,
  HaproxyApplyReport,
  ChangeEntry,
  HaproxyPlanView
>;

const refused = (code: RefusalCode, message: string): ActionResult => ({
  outcome: "refused",
  refusal: code,
  message,
  commands: [],
});

/** A refusal as the contract carries it: the plan a confirmation would run stays in the core. */
function wireRefusal(refusal: PlanRefusal<unknown>): Extract<PlanReply, { ok: false }> {
  const { code, message, confirmText, guards } = refusal;
  return {
    ok: false,
    refusal: { code, message, ...(confirmText ? { confirmText } : {}), ...(guards ? { guards } : {}) },
  };
}

export class HostActions {
  readonly #options: HostActionsOptions;
  readonly #plans = new Map<string, StoredPlan>();
  readonly #drift = new DriftWatch();
  readonly #now: () => number;

  constructor(options: HostActionsOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Which families this host offers. */
  has(family: ActionFamilyName): boolean {
    if (family === "ipvs") return this.#options.ipvs !== undefined;
    if (family === "haproxy") return this.#options.haproxy !== undefined;
    return false;
  }

  async planIpvs(intent: ActionIntent, confirmation?: string, undoOf?: string): Promise<PlanReply> {
    const binding = this.#ipvs();
    if (!binding) return wireRefusal({ code: "family-unavailable", message: this.#none("IPVS") });
    return this.#plan(binding, intent, confirmation, undoOf);
  }

  async planHaproxy(
    intent: HaproxyIntent,
    confirmation?: string,
    undoOf?: string,
  ): Promise<HaproxyPlanReply> {
    const binding = this.#haproxy();
    if (!binding) return wireRefusal({ code: "family-unavailable", message: this.#none("HAProxy") });
    return this.#plan(binding, intent, confirmation, undoOf);
  }

  async apply(planId: string): Promise<ActionResult> {
    const stored = this.#plans.get(planId);
    if (!stored || this.#now() - stored.at > PLAN_LIFETIME_MS)
      return refused("plan-expired", "this plan is unknown or older than 5 minutes: plan again");
    this.#plans.delete(planId);
    return stored.apply();
  }

  /** Plans the inverse of an audit entry and applies it at once (the operator asked from the entry). */
  async undo(auditId: string): Promise<ActionResult> {
    const { audit, hostId } = this.#options;
    const { entries, changes } = await audit.read();
    const entry = [...entries, ...changes].find((candidate) => candidate.id === auditId);
    if (!entry || entry.hostId !== hostId)
      return refused("entry-not-found", `no audit entry ${auditId} for this host`);
    const family = familyOfEntry(entry);
    const planned =
      family === "ipvs" && this.has("ipvs")
        ? await this.#planUndo(this.#ipvs(), auditId)
        : family === "haproxy" && this.has("haproxy")
          ? await this.#planUndo(this.#haproxy(), auditId)
          : wireRefusal({
              code: "family-unavailable",
              message: `entry ${auditId} is a ${family} change, which this console does not undo: use fulcrum undo ${auditId}`,
            });
    if (!planned.ok) return refused(planned.refusal.code, planned.refusal.message);
    return this.apply(planned.plan.planId);
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

  async #planUndo<Intent, Plan, Basis, Report extends ReportLike, Entry extends AuditRecordView, View>(
    binding: FamilyBinding<Intent, Plan, Basis, Report, Entry, View> | undefined,
    auditId: string,
  ): Promise<Reply<View>> {
    if (!binding)
      return wireRefusal({ code: "family-unavailable", message: `no actions for entry ${auditId}` });
    // The inverse, refused when the target no longer shows what the entry set (action-family.ts).
    const run = await planFamilyUndo(binding.family, auditId);
    return this.#store(binding, run.planned, auditId);
  }

  async #plan<Intent, Plan, Basis, Report extends ReportLike, Entry extends AuditRecordView, View>(
    binding: FamilyBinding<Intent, Plan, Basis, Report, Entry, View>,
    intent: Intent,
    confirmation: string | undefined,
    undoOf: string | undefined,
  ): Promise<Reply<View>> {
    const run = await planFamilyAction(
      binding.family,
      intent,
      confirmation === undefined ? {} : { confirmation },
    );
    return this.#store(binding, run.planned, undoOf);
  }

  #store<Intent, Plan, Basis, Report extends ReportLike, Entry extends AuditRecordView, View>(
    binding: FamilyBinding<Intent, Plan, Basis, Report, Entry, View>,
    planned: PlanResult<Plan>,
    undoOf: string | undefined,
  ): Reply<View> {
    if (!planned.ok) return wireRefusal(planned.refusal);
    const { plan } = planned;
    this.#forgetOldPlans();
    const planId = randomUUID();
    this.#plans.set(planId, { at: this.#now(), apply: () => this.#applyPlan(binding, plan, undoOf) });
    return { ok: true, plan: binding.view(planId, plan) };
  }

  async #applyPlan<Intent, Plan, Basis, Report extends ReportLike, Entry extends AuditRecordView, View>(
    binding: FamilyBinding<Intent, Plan, Basis, Report, Entry, View>,
    plan: Plan,
    undoOf: string | undefined,
  ): Promise<ActionResult> {
    const { report, entry } = await applyFamilyPlan(binding.family, plan, undoOf);
    if (report.outcome === "verified") binding.afterVerified?.(plan);
    if (entry) this.#options.onAudit(entry);
    return {
      outcome: report.outcome,
      message: report.message,
      ...(report.outcome === "refused" ? { refusal: "host-busy" as const } : {}),
      commands: report.commands.map(({ shell, status }) => ({ shell, status })),
      ...(entry ? { auditId: entry.id } : {}),
    };
  }

  /** The IPVS family for one plan: the table read now (with rates), keepalived's services read now. */
  #ipvs(): IpvsBinding | undefined {
    const { ipvs, hostId, production, audit, locks } = this.#options;
    if (!ipvs) return undefined;
    const family = ipvsFamily({
      host: { id: hostId, production },
      // Read with the table, per plan: a host that cannot be read is a refusal, not a failure.
      ...(ipvs.keepalivedConfig !== undefined
        ? { keepalivedServices: () => readKeepalivedServices(ipvs.executor, ipvs.keepalivedConfig) }
        : {}),
      executor: ipvs.executor,
      locks,
      audit,
      who: this.#who(),
      services: async () => withRates(await readIpvsTable(ipvs.executor), ipvs.latest()),
      ...this.#options.timing,
    });
    return {
      family,
      view: ipvsPlanView,
      afterVerified: (plan) => this.#watchDrift(plan),
    };
  }

  #haproxy(): HaproxyBinding | undefined {
    const { haproxy, hostId, production, audit, locks } = this.#options;
    if (!haproxy) return undefined;
    const family = haproxyFamily({
      hostId,
      executor: haproxy.executor,
      locks,
      audit,
      production,
      configPath: haproxy.configPath,
      who: this.#who(),
      ...(haproxy.socket === undefined ? {} : { socket: haproxy.socket }),
      ...this.#options.timing,
    });
    return { family, view: haproxyPlanView };
  }

  #watchDrift(plan: ActionPlan): void {
    const after = plan.expectedAfter;
    if (!after.exists) return;
    this.#drift.watch({
      service: plan.service,
      backend: plan.backend,
      weight: after.weight,
      forward: after.forward,
      keepalivedManaged: plan.warnings.some((warning) => warning.code === "keepalived-managed"),
    });
  }

  #who() {
    const { sshUser } = this.#options;
    return { osUser: currentOsUser(), ...(sshUser ? { sshUser } : {}) };
  }

  #none(family: string): string {
    return `no ${family} actions for host ${this.#options.hostId} (unknown host, or it has no ${family} to change)`;
  }

  #forgetOldPlans(): void {
    const now = this.#now();
    for (const [id, stored] of this.#plans) {
      if (now - stored.at > PLAN_LIFETIME_MS) this.#plans.delete(id);
    }
  }
}
