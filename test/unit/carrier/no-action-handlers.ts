/**
 * TEST DATA: action handlers for carrier tests that are about something else. Every action is
 * refused and the audit log is empty, as on a host Fulcrum cannot change.
 */
import type { ApiHandlers } from "../../../core/carrier/api-handlers.ts";

export const NO_ACTION_HANDLERS: Pick<
  ApiHandlers,
  "planAction" | "applyAction" | "undoAction" | "listAudit"
> = {
  planAction: async () => ({ ok: false, refusal: { code: "not-ipvs", message: "test host: no actions" } }),
  applyAction: async () => ({ outcome: "refused", message: "test host: no actions", commands: [] }),
  undoAction: async () => ({ outcome: "refused", message: "test host: no actions", commands: [] }),
  listAudit: async () => [],
};
