/** What apply did, in a terminal: the outcome and why, each command's status, the audit entry. */
import type { ApplyReport, CommandStatus } from "../../core/actions/apply-report.ts";
import type { AuditEntry } from "../../core/audit/audit-entry.ts";
import { stateText } from "./plan-text.ts";

const STATUS_WORDS: Record<CommandStatus, string> = {
  applied: "applied",
  "not-applied": "not applied",
  unknown: "unknown",
  "not-run": "not run",
};

export function applyReportText(report: ApplyReport, entry: AuditEntry | undefined): string {
  const lines = [`result: ${report.outcome}: ${report.message}`];
  for (const command of report.commands) {
    const exit = command.exitCode === undefined ? "" : ` (exit ${command.exitCode})`;
    lines.push(`  ${STATUS_WORDS[command.status].padEnd(11)} ${command.shell}${exit}`);
    if (command.stderr) lines.push(`              stderr: ${command.stderr}`);
  }
  if (report.observedBefore) lines.push(`  read before: ${stateText(report.observedBefore)}`);
  if (report.observedAfter) lines.push(`  read after:  ${stateText(report.observedAfter)}`);
  lines.push(entry ? `audit entry: ${entry.id}` : "audit entry: none written");
  return `${lines.join("\n")}\n`;
}
