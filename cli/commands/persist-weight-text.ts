/** A config edit plan and its apply report, as an operator reads them in a terminal. */
import type { ConfigEditReport } from "../../core/actions/config-edit/apply-config-edit.ts";
import type { ConfigEditPlan } from "../../core/actions/config-edit/plan-config-edit.ts";

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
  const lines = [`result: ${report.outcome}: ${report.message}`];
  for (const command of report.commands) {
    const exit = command.exitCode === undefined ? "" : ` (exit ${command.exitCode})`;
    lines.push(`  ${command.status.padEnd(11)} ${command.shell}${exit}`);
    if (command.stderr) lines.push(`              stderr: ${command.stderr}`);
  }
  if (report.backupPath)
    lines.push(`backup: ${report.backupPath}${report.restored ? " (put back: the reload failed)" : ""}`);
  if (report.validatorOutput)
    lines.push("validator output:", ...report.validatorOutput.split("\n").map((line) => `  ${line}`));
  lines.push(`audit entry: ${entryId}`);
  return `${lines.join("\n")}\n`;
}
