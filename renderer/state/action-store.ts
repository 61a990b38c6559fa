/**
 * The operator's changes to a host, one at a time: plan -> preview (or a typed confirmation) ->
 * apply -> result with Undo, plus the drains being followed and each host's audit entries. A
 * vanilla zustand store (testable without React) over the API it is given; replies to a flow the
 * operator already left (Cancel, a new plan) are dropped, never shown against the wrong preview.
 */
import { createStore } from "zustand/vanilla";
import type {
  ActionResult,
  AuditRecordView,
  FulcrumApi,
  HaproxyPlanView,
  HostSnapshot,
  PlanReply,
  PlanView,
} from "../../core/api.ts";
import { isHaproxyIntent, type HaproxyIntentView } from "../view-model/haproxy-intents.ts";
import { isHaproxyPlan } from "../view-model/haproxy-plan-preview.ts";
import { intentSummary, type ActionIntentView } from "../view-model/intent-summary.ts";
import { english, type I18n } from "../i18n/i18n.ts";
import { confirmationMatches, type Refusal } from "../view-model/action-refusal.ts";
import type { ActionTarget } from "../view-model/action-target.ts";
import { alertKey, withAlert, type AlertView } from "../view-model/alert-rows.ts";
import { mergeAuditEntries, withAuditEntry } from "../view-model/audit-rows.ts";
import type { DrainSample } from "../../shared/drain-verdict.ts";
import {
  appendDrainSample,
  drainContextOf,
  drainSampleOf,
  type DrainWatch,
} from "../view-model/drain-watch.ts";

/** An IPVS intent, or an HAProxy server's (planned by planHaproxyAction; applied and undone alike). */
export type ActionIntent = PlanView["intent"] | HaproxyIntentView;
export type AnyPlanView = PlanView | HaproxyPlanView;

interface FlowTarget {
  hostId: string;
  intent: ActionIntent;
  production: boolean;
}

export type ActionFlow =
  | { phase: "idle" }
  | ({ phase: "planning" } & FlowTarget)
  /** Guards ask for the service key; `typed` is what the operator has typed so far. */
  | ({ phase: "confirm"; refusal: Refusal; typed: string; replanning: boolean } & FlowTarget)
  | ({ phase: "refused"; refusal: Refusal } & FlowTarget)
  /** `confirmedWith` is the typed service key when guards were lifted. */
  | ({ phase: "preview"; plan: AnyPlanView; confirmedWith: string | undefined } & FlowTarget)
  | ({ phase: "applying"; plan: AnyPlanView } & FlowTarget)
  | { phase: "undoing"; hostId: string; title: string }
  | { phase: "result"; hostId: string; title: string; result: ActionResult }
  | { phase: "failed"; hostId: string; title: string; message: string };

export interface ActionState {
  flow: ActionFlow;
  /** Drains being followed, per host. */
  drains: Record<string, DrainWatch[]>;
  /** Audit entries per host, as listAudit returned them plus those pushed since. */
  audit: Record<string, AuditRecordView[]>;
  /** Drift alerts per host, newest first, until dismissed. */
  alerts: Record<string, AlertView[]>;

  planRequested(target: FlowTarget): void;
  confirmationTyped(text: string): void;
  applyRequested(): void;
  undoRequested(hostId: string, auditId: string, title: string): void;
  flowClosed(): void;
  drainDismissed(hostId: string, target: ActionTarget): void;
  snapshotObserved(snapshot: HostSnapshot): void;
  auditLoaded(hostId: string, entries: AuditRecordView[]): void;
  auditAppended(entry: AuditRecordView): void;
  alertRaised(alert: AlertView): void;
  alertDismissed(alert: AlertView): void;
}

export interface ActionStoreDependencies {
  api: Pick<FulcrumApi, "planAction" | "planHaproxyAction" | "applyAction" | "undoAction">;
  /** The latest snapshot of a host, to start a drain's series from what the table shows now. */
  latestSnapshot: (hostId: string) => HostSnapshot | null | undefined;
  now?: () => number;
  /**
   * The words of a flow's title, in the operator's language at the moment the flow starts (a title
   * on screen keeps its language until the flow ends). English when not given.
   */
  titles?: FlowTitles;
}

export interface FlowTitles {
  intent(intent: ActionIntentView | HaproxyIntentView): string;
  undo(title: string): string;
}

/** Flow titles in one language's words. */
export function flowTitles(i18n: () => I18n): FlowTitles {
  return {
    intent: (intent) => intentSummary(intent, i18n()),
    undo: (title) => i18n().t("intent.undo", { title }),
  };
}

const englishTitles = flowTitles(() => english);

export type ActionStore = ReturnType<typeof createActionStore>;

export function createActionStore(dependencies: ActionStoreDependencies) {
  const { api, latestSnapshot } = dependencies;
  const titles = dependencies.titles ?? englishTitles;
  const now = dependencies.now ?? Date.now;
  // Each flow gets a number; a reply for an older number arrived after the operator moved on.
  let flowNumber = 0;

  return createStore<ActionState>()((set, get) => {
    const current = (number: number) => number === flowNumber;
    const failed = (number: number, hostId: string, title: string) => (error: unknown) => {
      if (!current(number)) return;
      set({
        flow: {
          phase: "failed",
          hostId,
          title,
          message: error instanceof Error ? error.message : String(error),
        },
      });
    };

    const plan = (given: FlowTarget, confirmation: string | undefined) => {
      const target = flowTarget(given);
      const number = flowNumber;
      const title = titles.intent(target.intent);
      const request = {
        hostId: target.hostId,
        ...(confirmation === undefined ? {} : { confirmation }),
      };
      // Both families answer with a plan under an id, or the same refusal form.
      const planned: Promise<{ ok: true; plan: AnyPlanView } | Extract<PlanReply, { ok: false }>> =
        isHaproxyIntent(target.intent)
          ? api.planHaproxyAction({ ...request, intent: target.intent })
          : api.planAction({ ...request, intent: target.intent });
      planned.then(
        (reply) => {
          if (!current(number)) return;
          if (reply.ok) {
            set({ flow: { phase: "preview", ...target, plan: reply.plan, confirmedWith: confirmation } });
          } else if (reply.refusal.code === "confirmation-required" && reply.refusal.confirmText) {
            set({
              flow: {
                phase: "confirm",
                ...target,
                refusal: reply.refusal,
                typed: confirmation ?? "",
                replanning: false,
              },
            });
          } else {
            set({ flow: { phase: "refused", ...target, refusal: reply.refusal } });
          }
        },
        failed(number, target.hostId, title),
      );
    };

    const finished = (hostId: string, title: string, result: ActionResult, after: () => void) => {
      set({ flow: { phase: "result", hostId, title, result } });
      after();
    };

    return {
      flow: { phase: "idle" },
      drains: {},
      audit: {},
      alerts: {},

      planRequested: (target) => {
        flowNumber += 1;
        set({ flow: { phase: "planning", ...flowTarget(target) } });
        plan(target, undefined);
      },

      confirmationTyped: (typed) => {
        const flow = get().flow;
        if (flow.phase !== "confirm" || flow.replanning) return;
        const matches = confirmationMatches(typed, flow.refusal.confirmText);
        set({ flow: { ...flow, typed, replanning: matches } });
        if (matches) plan(flowTarget(flow), typed.trim());
      },

      applyRequested: () => {
        const flow = get().flow;
        if (flow.phase !== "preview") return;
        const { hostId, intent, plan: planned } = flow;
        set({ flow: { phase: "applying", hostId, intent, production: flow.production, plan: planned } });
        const number = flowNumber;
        const title = titles.intent(intent);
        api.applyAction({ hostId, planId: planned.planId }).then(
          (result) => {
            if (!current(number)) return;
            finished(hostId, title, result, () => {
              // HAProxy changes have no drain panel: its table shows the server's sessions.
              if (result.outcome !== "verified" || isHaproxyPlan(planned)) return;
              if (intent.kind === "drain") startDrainWatch(hostId, planned, result.auditId);
              else stopDrainWatch(hostId, planned);
            });
          },
          failed(number, hostId, title),
        );
      },

      undoRequested: (hostId, auditId, title) => {
        flowNumber += 1;
        const number = flowNumber;
        const undoTitle = titles.undo(title);
        // Undoing a drain ends the drain's progress panel; undoing anything else leaves drains alone.
        const undoneDrain =
          findDrainByAudit(hostId, auditId) ??
          get()
            .audit[hostId]?.flatMap((entry) => ("intent" in entry ? [entry] : []))
            .find((entry) => entry.id === auditId && entry.intent.kind === "drain");
        set({ flow: { phase: "undoing", hostId, title: undoTitle } });
        api.undoAction({ hostId, auditId }).then(
          (result) => {
            if (!current(number)) return;
            finished(hostId, undoTitle, result, () => {
              if (result.outcome === "verified" && undoneDrain) stopDrainWatch(hostId, undoneDrain);
            });
          },
          failed(number, hostId, undoTitle),
        );
      },

      flowClosed: () => {
        flowNumber += 1;
        set({ flow: { phase: "idle" } });
      },

      drainDismissed: (hostId, target) => stopDrainWatch(hostId, target),

      snapshotObserved: (snapshot) => {
        const watches = get().drains[snapshot.hostId];
        if (!watches?.length) return;
        set((state) => ({
          drains: {
            ...state.drains,
            [snapshot.hostId]: watches.map((watch) => withSample(watch, drainSampleOf(snapshot, watch))),
          },
        }));
      },

      auditLoaded: (hostId, entries) =>
        set((state) => ({
          audit: { ...state.audit, [hostId]: mergeAuditEntries(entries, state.audit[hostId] ?? []) },
        })),

      auditAppended: (entry) =>
        set((state) => ({
          audit: { ...state.audit, [entry.hostId]: withAuditEntry(state.audit[entry.hostId] ?? [], entry) },
        })),

      alertRaised: (alert) =>
        set((state) => ({
          alerts: { ...state.alerts, [alert.hostId]: withAlert(state.alerts[alert.hostId] ?? [], alert) },
        })),

      alertDismissed: (alert) =>
        set((state) => ({
          alerts: {
            ...state.alerts,
            [alert.hostId]: (state.alerts[alert.hostId] ?? []).filter(
              (kept) => alertKey(kept) !== alertKey(alert),
            ),
          },
        })),
    };

    function startDrainWatch(hostId: string, planned: PlanView, auditId: string | undefined) {
      const snapshot = latestSnapshot(hostId);
      const target = { service: planned.service, backend: planned.backend };
      const first = snapshot ? drainSampleOf(snapshot, target) : undefined;
      const watch: DrainWatch = {
        hostId,
        ...target,
        auditId,
        context: drainContextOf(snapshot, planned.service, now()),
        // The sample from before the change still shows the old weight: start from the next one.
        samples: first && first.weight === 0 ? [first] : [],
      };
      set((state) => ({
        drains: {
          ...state.drains,
          [hostId]: [...(state.drains[hostId] ?? []).filter((old) => !sameTarget(old, target)), watch],
        },
      }));
    }

    function stopDrainWatch(hostId: string, target: ActionTarget) {
      const watches = get().drains[hostId];
      if (!watches?.some((watch) => sameTarget(watch, target))) return;
      set((state) => ({
        drains: { ...state.drains, [hostId]: watches.filter((watch) => !sameTarget(watch, target)) },
      }));
    }

    function findDrainByAudit(hostId: string, auditId: string): DrainWatch | undefined {
      return get().drains[hostId]?.find((watch) => watch.auditId === auditId);
    }
  });
}

function withSample(watch: DrainWatch, sample: DrainSample | undefined): DrainWatch {
  if (!sample) return watch;
  const samples = appendDrainSample(watch.samples, sample);
  return samples === watch.samples ? watch : { ...watch, samples };
}

function flowTarget(flow: FlowTarget): FlowTarget {
  return { hostId: flow.hostId, intent: flow.intent, production: flow.production };
}

function sameTarget(a: ActionTarget, b: ActionTarget): boolean {
  return a.service === b.service && a.backend === b.backend;
}
