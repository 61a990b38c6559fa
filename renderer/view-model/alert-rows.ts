/**
 * Drift alerts per host, newest first and bounded: a backend Fulcrum changed was changed again by
 * someone else (keepalived, an agent, another operator). The operator dismisses them one by one.
 */
import type { EventOf } from "../../core/api.ts";
import type { I18n } from "../i18n/i18n.ts";

export type AlertView = EventOf<"alertRaised">;

export const MAX_ALERTS_PER_HOST = 20;

export function withAlert(alerts: readonly AlertView[], alert: AlertView): AlertView[] {
  return [alert, ...alerts].slice(0, MAX_ALERTS_PER_HOST);
}

export function alertKey(alert: AlertView): string {
  return `${alert.at}|${alert.service}|${alert.backend}|${alert.kind}`;
}

/** When, which backend, and what the alert's kind means; the core's own message is shown beside it. */
export function alertText(alert: AlertView, i18n: I18n): string {
  return i18n.t("alerts.line", {
    time: i18n.clockTime(alert.at),
    backend: alert.backend,
    service: alert.service,
    meaning: i18n.t(`code.alert.${alert.kind}`),
  });
}
