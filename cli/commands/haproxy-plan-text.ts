/**
 * An HAProxy plan and its outcome as an operator reads them in a terminal: the socket, the exact
 * runtime command, the server before and as expected after, warnings, guards; then the result,
 * what was read before and after, and the audit entry.
 */
import { serverStateText, type HaproxyApplyReport } from "../../core/actions/haproxy/apply-haproxy-plan.ts";
import type { HaproxyPlan } from "../../core/actions/haproxy/plan-haproxy-action.ts";
import type { GuardHit } from "../../core/actions/plan-result.ts";
import type { ChangeEntry } from "../../core/audit/change-entry.ts";
import { applyReportText } from "./apply-report-text.ts";
import type { RunTexts } from "./plan-then-apply.ts";

export function haproxyPlanText(plan: HaproxyPlan, pendingGuards: readonly GuardHit[] = []): string {
  const { backend, server } = plan.intent;
  const lines = [
    `plan: ${backend}/${server} on ${plan.hostId} (HAProxy admin socket ${plan.socket})`,
    `  command: ${plan.command}`,
    `  before:  ${serverStateText(plan.before)} (${plan.before.sessions} current sessions)`,
    `  after:   ${serverStateText(plan.expected)}`,
    ...plan.warnings.map((warning) => `  warning: ${warning.message}`),
    ...plan.confirmedGuards.map(
      (guard) => `  guard:   ${guard.message} (confirmed with ${plan.confirmText})`,
    ),
    ...pendingGuards.map((guard) => `  guard:   ${guard.message} (awaiting ${plan.confirmText})`),
  ];
  return `${lines.join("\n")}\n`;
}

export const HAPROXY_TEXTS: RunTexts<HaproxyPlan, HaproxyApplyReport, ChangeEntry> = {
  plan: haproxyPlanText,
  report: (report, entry) => applyReportText(report, entry, serverStateText),
};
