/**
 * What apply did, in a terminal, for every family: the outcome and why, each command's status,
 * the target as read before and after, the audit entry.
 */
import type { CommandOutcome, CommandStatus } from "../../core/actions/apply-report.ts";
import type { ApplyOutcome } from "../../core/actions/action-codes.ts";

const STATUS_WORDS: Record<CommandStatus, string> = {
  applied: "applied",
  "not-applied": "not applied",
  unknown: "unknown",
  "not-run": "not run",
};

export interface ReportLike<State> {
  outcome: ApplyOutcome;
  message: string;
  commands: readonly CommandOutcome[];
  observedBefore?: State;
  observedAfter?: State;
}

export function applyReportText<State>(
  report: ReportLike<State>,
  entry: { id: string } | undefined,
  stateText: (state: State) => string,
  extra: readonly string[] = [],
): string {
  const lines = [`result: ${report.outcome}: ${report.message}`];
  for (const command of report.commands) {
    const exit = command.exitCode === undefined ? "" : ` (exit ${command.exitCode})`;
    lines.push(`  ${STATUS_WORDS[command.status].padEnd(11)} ${command.shell}${exit}`);
    if (command.stderr) lines.push(`              stderr: ${command.stderr}`);
  }
  if (report.observedBefore !== undefined) lines.push(`  read before: ${stateText(report.observedBefore)}`);
  if (report.observedAfter !== undefined) lines.push(`  read after:  ${stateText(report.observedAfter)}`);
  lines.push(...extra);
  lines.push(entry ? `audit entry: ${entry.id}` : "audit entry: none written");
  return `${lines.join("\n")}\n`;
}
