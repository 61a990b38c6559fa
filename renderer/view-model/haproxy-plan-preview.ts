/**
 * Shapes an HAProxy plan for the preview panel: the socket and the remote command that carries the
 * runtime command, the exact runtime commands, the server's state and weight before -> after, its
 * current sessions, warnings and the guards typing lifted. No predictions: HAProxy balances by its
 * own algorithm, and a guess shown as a number would be a lie.
 */
import type { HaproxyPlanView } from "../../core/api.ts";
import type { I18n } from "../i18n/i18n.ts";
import { haproxyIntentSummary } from "./haproxy-intents.ts";

export interface HaproxyStateChange {
  field: "State" | "Weight";
  before: string;
  after: string;
  changed: boolean;
}

export interface HaproxyPreview {
  planId: string;
  title: string;
  socket: string;
  transport: string;
  commands: string[];
  changes: HaproxyStateChange[];
  sessions: string;
  warnings: HaproxyPlanView["warnings"];
  confirmedGuards: HaproxyPlanView["confirmedGuards"];
}

/** A plan of either family: the HAProxy one carries `family: "haproxy"`. */
export function isHaproxyPlan<T extends object>(plan: T | HaproxyPlanView): plan is HaproxyPlanView {
  return "family" in plan && plan.family === "haproxy";
}

export function toHaproxyPreview(plan: HaproxyPlanView, i18n: I18n): HaproxyPreview {
  const admin = (state: HaproxyPlanView["before"]["admin"]) => i18n.t(`haproxyAdmin.${state}`);
  const { before, expectedAfter: after } = plan;
  return {
    planId: plan.planId,
    title: haproxyIntentSummary(plan.intent, i18n),
    socket: plan.socket,
    transport: plan.transport,
    commands: plan.commands,
    changes: [
      {
        field: "State",
        before: admin(before.admin),
        after: admin(after.admin),
        changed: before.admin !== after.admin,
      },
      {
        field: "Weight",
        before: i18n.count(before.weight),
        after: i18n.count(after.weight),
        changed: before.weight !== after.weight,
      },
    ],
    sessions: i18n.count(before.sessions),
    warnings: plan.warnings,
    confirmedGuards: plan.confirmedGuards,
  };
}
