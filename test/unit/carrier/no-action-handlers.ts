/**
 * TEST DATA: action handlers for carrier tests that are about something else. Every action is
 * refused and the audit log is empty, as on a host Fulcrum cannot change.
 */
import type { ApiHandlers } from "../../../core/carrier/api-handlers.ts";
import { HandlerError } from "../../../core/carrier/handler-error.ts";

export const NO_ACTION_HANDLERS: Pick<
  ApiHandlers,
  "planAction" | "planHaproxyAction" | "applyAction" | "undoAction" | "listAudit"
> = {
  planAction: async () => ({
    ok: false,
    refusal: { code: "family-unavailable", message: "test host: no actions" },
  }),
  planHaproxyAction: async () => ({
    ok: false,
    refusal: { code: "family-unavailable", message: "test host: no actions" },
  }),
  applyAction: async () => ({ outcome: "refused", message: "test host: no actions", commands: [] }),
  undoAction: async () => ({ outcome: "refused", message: "test host: no actions", commands: [] }),
  listAudit: async () => [],
};

/** TEST DATA: a console that cannot add hosts: every host-setup request is refused or empty. */
const refuse = async (): Promise<never> => {
  throw new HandlerError("no-host-list", "test console: no host setup");
};
export const NO_HOST_SETUP_HANDLERS: Pick<
  ApiHandlers,
  "addHost" | "removeHost" | "trustHostKey" | "retryHost" | "listCredentialRequests" | "answerCredential"
> = {
  addHost: refuse,
  removeHost: async () => ({ removed: false }),
  trustHostKey: refuse,
  retryHost: refuse,
  listCredentialRequests: async () => [],
  answerCredential: async () => ({ accepted: false }),
};

/** TEST DATA: a console that keeps no history: every history request says so, exports too. */
const noHistory = async (): Promise<never> => {
  throw new HandlerError("no-history", "test console: no history");
};
export const NO_HISTORY_HANDLERS: Pick<
  ApiHandlers,
  | "historyStatus"
  | "historyListSeries"
  | "historySeries"
  | "historyCounterSummary"
  | "historyEvents"
  | "exportReport"
  | "cancelReportExport"
> = {
  historyStatus: noHistory,
  historyListSeries: noHistory,
  historySeries: noHistory,
  historyCounterSummary: noHistory,
  historyEvents: noHistory,
  exportReport: noHistory,
  cancelReportExport: async () => ({ cancelled: false }),
};
