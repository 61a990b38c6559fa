/**
 * Handlers for a console with no hosts configured yet: the honest answer until the real host
 * registry (demo cluster, SSH hosts) is wired in behind the same ApiHandlers seam. Nothing invented:
 * the host list is empty and there is no snapshot to show.
 */
import type { AppInfo } from "../api.ts";
import type { ApiHandlers } from "./api-handlers.ts";

export function createEmptyInventoryHandlers(info: Pick<AppInfo, "version" | "carrier">): ApiHandlers {
  return {
    getAppInfo: async () => ({ ...info, demo: false }),
    listHosts: async () => [],
    getSnapshot: async () => null,
  };
}
