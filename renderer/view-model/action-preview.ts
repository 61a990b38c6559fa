/**
 * Shapes a plan for the preview panel: what will run (the exact shell text), what changes on the
 * backend, what the planner predicts for every backend of the service, and what to watch out for.
 * "unknown" predictions stay "unknown": a guess shown as a number would be a lie.
 */
import type { PlanView } from "../../core/api.ts";
import { forwardMethodLabel } from "./forward-method.ts";
import { intentSummary } from "./intent-summary.ts";
import { NO_VALUE } from "./format-rate.ts";
import type { I18n } from "../i18n/i18n.ts";

/** The planner's word for a value it cannot predict. */
export const UNKNOWN = "unknown";

type BackendState = PlanView["before"];
type Prediction = PlanView["predictions"][number];

export interface StateChange {
  field: "Weight" | "Forward" | "Present";
  before: string;
  after: string;
  changed: boolean;
}

export interface PredictionRow {
  backend: string;
  weightAfter: string;
  share: string;
  cps: string;
  connections: string;
  /** Connections against the backend's capacity, when one is configured. */
  load: string;
  inBps: string;
  outBps: string;
  /** The backend this action changes. */
  target: boolean;
}

export interface ActionPreview {
  planId: string;
  title: string;
  service: string;
  backend: string;
  production: boolean;
  commands: string[];
  changes: StateChange[];
  predictions: PredictionRow[];
  warnings: PlanView["warnings"];
  confirmedGuards: PlanView["confirmedGuards"];
}

export function toActionPreview(plan: PlanView, production: boolean, i18n: I18n): ActionPreview {
  return {
    planId: plan.planId,
    title: intentSummary(plan.intent, i18n),
    service: plan.service,
    backend: plan.backend,
    production,
    commands: plan.commands,
    changes: stateChanges(plan.before, plan.expectedAfter, i18n),
    predictions: plan.predictions.map((prediction) => predictionRow(prediction, plan.backend, i18n)),
    warnings: plan.warnings,
    confirmedGuards: plan.confirmedGuards,
  };
}

export function stateChanges(before: BackendState, after: BackendState, i18n: I18n): StateChange[] {
  if (!before.exists || !after.exists) {
    const present = (state: BackendState) =>
      state.exists
        ? i18n.t("plan.present", {
            weight: i18n.count(state.weight),
            forward: forwardMethodLabel(state, i18n),
          })
        : i18n.t("plan.absent");
    return [
      {
        field: "Present",
        before: present(before),
        after: present(after),
        changed: before.exists !== after.exists,
      },
    ];
  }
  return [
    {
      field: "Weight",
      before: String(before.weight),
      after: String(after.weight),
      changed: before.weight !== after.weight,
    },
    {
      field: "Forward",
      before: forwardMethodLabel(before, i18n),
      after: forwardMethodLabel(after, i18n),
      changed: before.forward !== after.forward,
    },
  ];
}

function predictionRow(prediction: Prediction, target: string, i18n: I18n): PredictionRow {
  const { connections, capacity } = prediction;
  const unknown = i18n.t("plan.unknown");
  const known = (value: number | "unknown", format: (value: number) => string) =>
    value === UNKNOWN ? unknown : format(value);
  return {
    backend: prediction.backend,
    weightAfter: i18n.count(prediction.weightAfter),
    share: known(prediction.share, i18n.percent),
    cps: known(prediction.cps, i18n.perSecond),
    connections: known(connections, i18n.count),
    load:
      capacity === undefined || capacity <= 0
        ? NO_VALUE
        : connections === UNKNOWN
          ? unknown
          : i18n.t("plan.loadOf", {
              share: i18n.percent(connections / capacity),
              capacity: i18n.count(capacity),
            }),
    inBps: known(prediction.inBps, i18n.bytesPerSecond),
    outBps: known(prediction.outBps, i18n.bytesPerSecond),
    target: prediction.backend === target,
  };
}
