/** A config edit plan and its apply report, as an operator reads them in a terminal. */
import type { ConfigEditReport } from "../../core/actions/config-edit/apply-config-edit.ts";
import type { ConfigEditPlan } from "../../core/actions/config-edit/plan-config-edit.ts";
import { applyReportText } from "./apply-report-text.ts";

export function configEditPlanText(plan: ConfigEditPlan): string {
  const lines = [
    plan.summary,
    `diff (${plan.target.configPath}${plan.target.daemon === "keepalived" ? ", secrets redacted" : ""}):`,
    ...plan.diff.map(
      (line) => `  ${line.kind === "removed" ? "-" : "+"}${line.lineNo}: ${line.text.trimEnd()}`,
    ),
    `backup: ${plan.backupPath}`,
    "commands:",
    ...plan.commands.map((command) => `  ${command}`),
    ...plan.warnings.map((warning) => `warning: ${warning}`),
  ];
  return `${lines.join("\n")}\n`;
}

export function configEditReportText(report: ConfigEditReport, entryId: string): string {
  const extra = [
    ...(report.backupPath
      ? [`backup: ${report.backupPath}${report.restored ? " (put back: the reload failed)" : ""}`]
      : []),
    ...(report.validatorOutput
      ? ["validator output:", ...report.validatorOutput.split("\n").map((line) => `  ${line}`)]
      : []),
  ];
  return applyReportText(report, { id: entryId }, () => "", extra);
}
