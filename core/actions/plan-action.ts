/**
 * plan: current state + intent -> exact remote commands + predicted effect + warnings, or a typed
 * refusal (DESIGN.md §5). Pure: no I/O, no clock. Apply (apply.ts) runs what this returns.
 */
import { toShellCommand } from "../commands/shell-quote.ts";
import type { VirtualService } from "../model/ipvs.ts";
import { backendKey } from "../model/service-key.ts";
import type { ActionIntent, RememberedBackend } from "./action-intent.ts";
import type { ActionPlan, PlanRefusal, PlanResult } from "./action-plan.ts";
import { isRefusal, resolveTarget } from "./find-target.ts";
import { intentChange } from "./intent-change.ts";
import { backendsAfter, predictLoad, sharesFor } from "./load-prediction.ts";
import { checkGuards } from "./plan-guards.ts";
import { planWarnings } from "./plan-warnings.ts";
import { guardedPlan } from "./plan-result.ts";

export interface PlanningState {
  services: readonly VirtualService[];
  host: {
    id: string;
    production: boolean;
    /** Services (serviceKey form) defined in keepalived.conf on this host. */
    keepalivedManaged?: { services: readonly string[] };
  };
  /** Settings remembered by earlier drains and removes (see core/audit/remembered-settings.ts). */
  remembered?: readonly RememberedBackend[];
}

export interface PlanOptions {
  /** What the operator typed; lifts the guards when it equals the service key. */
  confirmation?: string;
  /** Share of a backend's capacity its predicted connections may reach. Default 0.8. */
  capacityFraction?: number;
  /** Connection capacity of a backend without an -x threshold. Default: none (not checked). */
  defaultCapacity?: number;
}

export const DEFAULT_CAPACITY_FRACTION = 0.8;

function refuse(refusal: PlanRefusal): PlanResult {
  return { ok: false, refusal };
}

export function planAction(
  state: PlanningState,
  intent: ActionIntent,
  options: PlanOptions = {},
): PlanResult {
  const target = resolveTarget(state.services, intent.service, intent.backend);
  if (isRefusal(target)) return refuse(target);
  const { service } = target;
  if (!service)
    return refuse({
      code: "service-not-found",
      message: `no IPVS service ${target.serviceKey} on ${state.host.id}`,
    });
  const change = intentChange(intent, target, state.remembered ?? []);
  if (isRefusal(change)) return refuse(change);

  const added = change.added ? { backend: target.backendKey, ...change.added } : undefined;
  const after = backendsAfter(service, {
    backend: target.backendKey,
    ...(change.weightAfter !== undefined ? { weight: change.weightAfter } : {}),
    ...(change.removed ? { removed: true } : {}),
    ...(added ? { added } : {}),
  });
  const predictions = predictLoad(service, after, options.defaultCapacity);
  const before = service.realServers.map((server) => ({
    backend: backendKey(server),
    forward: server.forward,
    weight: server.weight,
  }));
  const sharesBefore = new Map<string, number>();
  sharesFor(service, before)?.forEach((share, index) =>
    sharesBefore.set(before[index]?.backend ?? "", share),
  );

  const guards = checkGuards({
    kind: intent.kind,
    serviceKey: target.serviceKey,
    backendKey: target.backendKey,
    production: state.host.production,
    hostId: state.host.id,
    weightsBefore: before.map((backend) => backend.weight),
    after,
    sharesBefore,
    predictions,
    capacityFraction: options.capacityFraction ?? DEFAULT_CAPACITY_FRACTION,
  });
  const plan: ActionPlan = {
    hostId: state.host.id,
    intent,
    service: target.serviceKey,
    backend: target.backendKey,
    commands: [{ argv: change.argv, shell: toShellCommand(change.argv) }],
    before: change.before,
    expectedAfter: change.expectedAfter,
    ...(change.remembered ? { remembered: change.remembered } : {}),
    predictions,
    warnings: planWarnings({
      kind: intent.kind,
      service,
      serviceKey: target.serviceKey,
      keepalivedManaged: state.host.keepalivedManaged?.services.includes(target.serviceKey) ?? false,
      before: change.before,
      expectedAfter: change.expectedAfter,
      predictions,
      uncheckedCapacity: guards.uncheckedCapacity,
    }),
    confirmedGuards: [],
  };
  return guardedPlan(plan, guards.hits, target.serviceKey, options.confirmation);
}
