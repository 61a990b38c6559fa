/**
 * Drift alerts per host, newest first and bounded: a backend Fulcrum changed was changed again by
 * someone else (keepalived, an agent, another operator). The operator dismisses them one by one.
 */
import type { EventOf } from "../../core/api.ts";

export type AlertView = EventOf<"alertRaised">;

export const MAX_ALERTS_PER_HOST = 20;

export function withAlert(alerts: readonly AlertView[], alert: AlertView): AlertView[] {
  return [alert, ...alerts].slice(0, MAX_ALERTS_PER_HOST);
}

export function alertKey(alert: AlertView): string {
  return `${alert.at}|${alert.service}|${alert.backend}|${alert.kind}`;
}

export function alertText(alert: AlertView): string {
  return `${new Date(alert.at).toLocaleTimeString()}: ${alert.message}`;
}
