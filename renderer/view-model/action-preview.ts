/**
 * Shapes a plan for the preview panel: what will run (the exact shell text), what changes on the
 * backend, what the planner predicts for every backend of the service, and what to watch out for.
 * "unknown" predictions stay "unknown": a guess shown as a number would be a lie.
 */
import type { PlanView } from "../../core/api.ts";
import { forwardMethodLabel } from "./forward-method.ts";
import { intentSummary } from "./intent-summary.ts";
import { formatPercent } from "./format-link.ts";
import { formatBytesPerSecond, formatCount, formatPerSecond, NO_VALUE } from "./format-rate.ts";

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

export function toActionPreview(plan: PlanView, production: boolean): ActionPreview {
  return {
    planId: plan.planId,
    title: intentSummary(plan.intent),
    service: plan.service,
    backend: plan.backend,
    production,
    commands: plan.commands,
    changes: stateChanges(plan.before, plan.expectedAfter),
    predictions: plan.predictions.map((prediction) => predictionRow(prediction, plan.backend)),
    warnings: plan.warnings,
    confirmedGuards: plan.confirmedGuards,
  };
}

export function stateChanges(before: BackendState, after: BackendState): StateChange[] {
  if (!before.exists || !after.exists) {
    const present = (state: BackendState) =>
      state.exists ? `present (weight ${state.weight}, ${forwardMethodLabel(state)})` : "absent";
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
      before: forwardMethodLabel(before),
      after: forwardMethodLabel(after),
      changed: before.forward !== after.forward,
    },
  ];
}

function predictionRow(prediction: Prediction, target: string): PredictionRow {
  const { connections, capacity } = prediction;
  return {
    backend: prediction.backend,
    weightAfter: formatCount(prediction.weightAfter),
    share: known(prediction.share, formatPercent),
    cps: known(prediction.cps, formatPerSecond),
    connections: known(connections, formatCount),
    load:
      capacity === undefined || capacity <= 0
        ? NO_VALUE
        : connections === UNKNOWN
          ? UNKNOWN
          : `${formatPercent(connections / capacity)} of ${formatCount(capacity)}`,
    inBps: known(prediction.inBps, formatBytesPerSecond),
    outBps: known(prediction.outBps, formatBytesPerSecond),
    target: prediction.backend === target,
  };
}

function known(value: number | "unknown", format: (value: number) => string): string {
  return value === UNKNOWN ? UNKNOWN : format(value);
}
