/**
 * IPC channel names shared by main (ipc.ts) and the preload. The preload is bundled on its own and
 * runs sandboxed, so this file imports only types: no zod, no core code in the preload bundle.
 * The `satisfies` records make the compiler refuse a request or event missing from the bridge.
 */
import type { EventName, RequestName } from "../core/api.ts";

export const BRIDGED_REQUESTS = {
  getAppInfo: true,
  listHosts: true,
  getSnapshot: true,
  planAction: true,
  applyAction: true,
  undoAction: true,
  listAudit: true,
  planHaproxyAction: true,
  addHost: true,
  removeHost: true,
  trustHostKey: true,
  retryHost: true,
  listCredentialRequests: true,
  answerCredential: true,
  historyStatus: true,
  historyListSeries: true,
  historySeries: true,
  historyCounterSummary: true,
  historyEvents: true,
  exportReport: true,
  cancelReportExport: true,
} as const satisfies Record<RequestName, true>;

export const BRIDGED_EVENTS = {
  hostStateChanged: true,
  sampleReceived: true,
  auditAppended: true,
  alertRaised: true,
  hostsChanged: true,
  credentialRequested: true,
  credentialSettled: true,
  reportExportProgressed: true,
} as const satisfies Record<EventName, true>;

export const EVENT_CHANNEL = "fulcrum:event";

export function requestChannel(name: RequestName): `fulcrum:${RequestName}` {
  return `fulcrum:${name}`;
}

export function isBridgedEvent(event: unknown): event is EventName {
  return typeof event === "string" && Object.hasOwn(BRIDGED_EVENTS, event);
}
