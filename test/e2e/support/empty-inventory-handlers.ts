/**
 * Test handlers for a console with no hosts and no demo: the renderer's empty state ("No hosts yet")
 * is checked against them. The app itself shows the demo cluster when no host is configured.
 */
import type { AppInfo } from "../../../core/api.ts";
import type { ApiHandlers } from "../../../core/carrier/api-handlers.ts";
import { NO_ACTION_HANDLERS, NO_HISTORY_HANDLERS, NO_HOST_SETUP_HANDLERS } from "../../unit/carrier/no-action-handlers.ts";

export function createEmptyInventoryHandlers(info: Pick<AppInfo, "version" | "carrier">): ApiHandlers {
  return {
    getAppInfo: async () => ({ ...info, demo: false }),
    listHosts: async () => [],
    getSnapshot: async () => null,
    ...NO_ACTION_HANDLERS,
    ...NO_HOST_SETUP_HANDLERS,
    ...NO_HISTORY_HANDLERS,
  };
}
