/**
 * Per intent: the ipvsadm command, the target's state before and after, and what to remember.
 * Edits repeat the forwarding method and the thresholds: `ipvsadm -e` without -m/-i switches to
 * DR, and without -x/-y sets the thresholds to 0 (seen on the lab's 6.1 kernel).
 */
import {
  addRealServer,
  deleteRealServer,
  editRealServer,
  type RealServerSettings,
} from "../commands/ipvsadm.ts";
import { ipvsWeight, ValidationError } from "../commands/validated.ts";
import type { RealServer } from "../model/ipvs.ts";
import type { ActionIntent, BackendSettings, RememberedBackend } from "./action-intent.ts";
import type { BackendState, PlanRefusal } from "./action-plan.ts";
import { backendStateOf, type ResolvedTarget } from "./find-target.ts";

export interface IntentChange {
  argv: string[];
  before: BackendState;
  expectedAfter: BackendState;
  remembered?: BackendSettings;
  /** How the service's backend list changes, for predictions and guards. */
  weightAfter?: number;
  removed?: boolean;
  added?: BackendSettings;
}

function settingsOf(server: RealServer): BackendSettings {
  return {
    forward: server.forward,
    weight: server.weight,
    ...(server.upperThreshold !== undefined ? { upperThreshold: server.upperThreshold } : {}),
    ...(server.lowerThreshold !== undefined ? { lowerThreshold: server.lowerThreshold } : {}),
  };
}

function commandSettings(settings: BackendSettings, weight: number): RealServerSettings {
  return { ...settings, weight: ipvsWeight(weight) };
}

function stateWith(settings: BackendSettings, weight: number): BackendState {
  return { exists: true, ...settings, weight };
}

/** The last remembered settings for this backend of this service. */
function rememberedFor(
  remembered: readonly RememberedBackend[],
  target: ResolvedTarget,
): BackendSettings | undefined {
  return remembered.findLast(
    (entry) => entry.service === target.serviceKey && entry.backend === target.backendKey,
  )?.settings;
}

export function intentChange(
  intent: ActionIntent,
  target: ResolvedTarget,
  remembered: readonly RememberedBackend[],
): IntentChange | PlanRefusal {
  const { server } = target;
  const where = `${target.backendKey} in ${target.serviceKey}`;
  if (intent.kind === "restore") {
    if (server)
      return {
        code: "backend-exists",
        message: `${where} exists already (weight ${server.weight}); nothing to restore`,
      };
    const settings = intent.settings ?? rememberedFor(remembered, target);
    if (!settings)
      return {
        code: "nothing-remembered",
        message: `no remembered settings for ${where}: give forward method and weight`,
      };
    return guarded(() => ({
      argv: addRealServer(
        target.serviceTarget,
        target.backendTarget,
        commandSettings(settings, settings.weight),
      ),
      before: { exists: false },
      expectedAfter: stateWith(settings, settings.weight),
      added: settings,
    }));
  }
  if (!server) return { code: "backend-not-found", message: `${where} does not exist` };
  const current = settingsOf(server);
  const before = backendStateOf(server);
  const edit = (weight: number, extra: Partial<IntentChange> = {}): IntentChange | PlanRefusal => {
    if (weight === server.weight)
      return { code: "no-change", message: `${where} has weight ${weight} already` };
    return guarded(() => ({
      argv: editRealServer(target.serviceTarget, target.backendTarget, commandSettings(current, weight)),
      before,
      expectedAfter: stateWith(current, weight),
      weightAfter: weight,
      ...extra,
    }));
  };
  switch (intent.kind) {
    case "setWeight":
      return guarded(() => edit(ipvsWeight(intent.weight)));
    case "drain":
      if (server.weight === 0)
        return { code: "no-change", message: `${where} is drained already (weight 0)` };
      return edit(0, { remembered: current });
    case "undrain": {
      // A weight given (by the operator, or by an undo from its entry) wins over the remembered one.
      const weight = intent.weight ?? rememberedFor(remembered, target)?.weight;
      if (weight === undefined) {
        return {
          code: "nothing-remembered",
          message: `no weight remembered for ${where}: give the weight to restore`,
        };
      }
      return guarded(() => edit(ipvsWeight(weight)));
    }
    case "remove":
      return guarded(() => ({
        argv: deleteRealServer(target.serviceTarget, target.backendTarget),
        before,
        expectedAfter: { exists: false },
        remembered: current,
        removed: true,
      }));
  }
}

/** Builders refuse values they cannot express (a weight out of range, an unknown forward method). */
function guarded(build: () => IntentChange | PlanRefusal): IntentChange | PlanRefusal {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const code = /forwarding method/.test(error.message) ? "unsupported-forward" : "invalid-input";
    return { code, message: error.message };
  }
}
