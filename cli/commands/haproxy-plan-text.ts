/**
 * An HAProxy plan and its outcome as an operator reads them in a terminal: the socket, the exact
 * runtime command, the server before and as expected after, warnings, guards; then the result,
 * what was read before and after, and the audit entry.
 */
import type { HaproxyOutcome } from "../../core/actions/haproxy/haproxy-change-entry.ts";
import type { HaproxyServerView } from "../../core/actions/haproxy/haproxy-server-view.ts";
import type { HaproxyPlan } from "../../core/actions/haproxy/plan-haproxy-action.ts";
import type { ChangeEntry } from "../../core/audit/change-entry.ts";

export function serverStateText(state: Pick<HaproxyServerView, "admin" | "weight">): string {
  return `${state.admin}, weight ${state.weight}`;
}

export function haproxyPlanText(plan: HaproxyPlan, hostId: string, socket: string): string {
  const { backend, server } = plan.intent;
  const lines = [
    `plan: ${backend}/${server} on ${hostId} (HAProxy admin socket ${socket})`,
    `  command: ${plan.command}`,
    `  before:  ${serverStateText(plan.before)} (${plan.before.sessions} current sessions)`,
    `  after:   ${serverStateText(plan.expected)}`,
    ...plan.warnings.map((warning) => `  warning: ${warning.message}`),
    ...plan.guards.map((guard) => `  guard:   ${guard.message} (confirmed with ${plan.confirmText ?? "?"})`),
  ];
  return `${lines.join("\n")}\n`;
}

export function haproxyOutcomeText(ended: HaproxyOutcome, entry: ChangeEntry | undefined): string {
  const lines = [`result: ${ended.outcome}: ${ended.message}`];
  if (entry)
    for (const command of entry.commands) lines.push(`  ${command.status.padEnd(11)} ${command.shell}`);
  if (ended.observedBefore) lines.push(`  read before: ${serverStateText(ended.observedBefore)}`);
  if (ended.observedAfter) lines.push(`  read after:  ${serverStateText(ended.observedAfter)}`);
  lines.push(entry ? `audit entry: ${entry.id}` : "audit entry: none written");
  return `${lines.join("\n")}\n`;
}
