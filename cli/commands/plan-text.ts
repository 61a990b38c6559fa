/**
 * The preview of a plan as an operator reads it in a terminal: the exact commands as they will be
 * sent, the backend before and after, the predicted share of NEW connections and load for every
 * backend that keeps receiving traffic, warnings and guards.
 */
import type {
  ActionPlan,
  BackendPrediction,
  BackendState,
  GuardHit,
} from "../../core/actions/action-plan.ts";
import type { ApplyReport } from "../../core/actions/apply-report.ts";
import type { AuditEntry } from "../../core/audit/audit-entry.ts";
import { applyReportText } from "./apply-report-text.ts";
import type { RunTexts } from "./plan-then-apply.ts";

const KIND_WORDS: Record<ActionPlan["intent"]["kind"], string> = {
  setWeight: "set the weight of",
  drain: "drain",
  undrain: "undrain",
  remove: "remove",
  restore: "restore",
};

export function stateText(state: BackendState): string {
  if (!state.exists) return "absent";
  const limits = [
    state.upperThreshold ? `-x ${state.upperThreshold}` : "",
    state.lowerThreshold ? `-y ${state.lowerThreshold}` : "",
  ].filter(Boolean);
  return `${state.forward} weight ${state.weight}${limits.length > 0 ? ` (${limits.join(" ")})` : ""}`;
}

function unknownOr(value: number | "unknown", format: (value: number) => string): string {
  return value === "unknown" ? "?" : format(value);
}

/** Bytes per second, in the units ifconfig-era operators expect (powers of 1000). */
export function bytesPerSecond(value: number): string {
  const units = ["B/s", "kB/s", "MB/s", "GB/s"];
  let scaled = value;
  let unit = 0;
  while (scaled >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit++;
  }
  return `${scaled.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function table(rows: readonly string[][]): string[] {
  const widths =
    rows[0]?.map((_cell, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

function predictionRows(predictions: readonly BackendPrediction[]): string[] {
  const remaining = predictions.filter((prediction) => prediction.weightAfter > 0);
  if (remaining.length === 0)
    return ["    no backend with a weight remains: new connections have nowhere to go"];
  const rows = [
    ["backend", "weight", "share", "cps", "conns", "in", "out", "capacity"],
    ...remaining.map((prediction) => [
      prediction.backend,
      String(prediction.weightAfter),
      unknownOr(prediction.share, (share) => `${(share * 100).toFixed(1)} %`),
      unknownOr(prediction.cps, (cps) => cps.toFixed(1)),
      unknownOr(prediction.connections, (conns) => String(Math.round(conns))),
      unknownOr(prediction.inBps, bytesPerSecond),
      unknownOr(prediction.outBps, bytesPerSecond),
      prediction.capacity === undefined ? "-" : String(prediction.capacity),
    ]),
  ];
  return table(rows).map((line) => `    ${line}`);
}

/** `pendingGuards`: guards that fired and still wait for the typed confirmation. */
export function planText(plan: ActionPlan, pendingGuards: readonly GuardHit[] = []): string {
  const lines = [
    `plan: ${KIND_WORDS[plan.intent.kind]} ${plan.backend} in ${plan.service} on ${plan.hostId}`,
    `  before:   ${stateText(plan.before)}`,
    `  after:    ${stateText(plan.expectedAfter)}`,
    ...plan.commands.map((command, index) => `  ${index === 0 ? "command: " : "         "} ${command.shell}`),
  ];
  if (plan.remembered)
    lines.push(`  remembers ${stateText({ exists: true, ...plan.remembered })} for undrain/restore`);
  lines.push(
    "  predicted new connections and load per remaining backend (? = unknown):",
    ...predictionRows(plan.predictions),
  );
  if (plan.warnings.length > 0)
    lines.push("  warnings:", ...plan.warnings.map((warning) => `    - ${warning.message}`));
  if (pendingGuards.length > 0) {
    lines.push(
      `  guards awaiting typed confirmation: ${pendingGuards.map((guard) => guard.code).join(", ")}`,
    );
  } else if (plan.confirmedGuards.length > 0) {
    lines.push(`  guards confirmed: ${plan.confirmedGuards.map((guard) => guard.code).join(", ")}`);
  } else {
    lines.push("  guards: none fired");
  }
  return `${lines.join("\n")}\n`;
}

export const IPVS_TEXTS: RunTexts<ActionPlan, ApplyReport, AuditEntry> = {
  plan: planText,
  report: (report, entry) => applyReportText(report, entry, stateText),
};
