/**
 * TEST DATA: a small in-memory host registry for the browser-mode e2e test, exposed through the
 * real ApiHandlers seam. Two made-up hosts; lb1 has a NAT and a DR service, lb2 has sent nothing yet.
 */
import type { HostSnapshot, HostSummary } from "../../core/api.ts";
import type { ApiHandlers } from "../../core/carrier/api-handlers.ts";
import { testHost, testSnapshot } from "../unit/carrier/test-snapshot.ts";
import { NO_ACTION_HANDLERS, NO_HISTORY_HANDLERS, NO_HOST_SETUP_HANDLERS } from "../unit/carrier/no-action-handlers.ts";

export interface TestRegistry {
  hosts: HostSummary[];
  snapshots: Map<string, HostSnapshot>;
  handlers: ApiHandlers;
}

export function createTestRegistry(): TestRegistry {
  const hosts = [
    testHost(),
    testHost({ id: "lb2", label: "lb2.test", production: true, state: { phase: "connecting" } }),
  ];
  const snapshots = new Map<string, HostSnapshot>([["lb1", testSnapshot()]]);
  return {
    hosts,
    snapshots,
    handlers: {
      getAppInfo: async () => ({ version: "0.0.0-e2e", carrier: "browser", demo: true }),
      listHosts: async () => hosts,
      getSnapshot: async ({ hostId }) => snapshots.get(hostId) ?? null,
      ...NO_ACTION_HANDLERS,
      ...NO_HOST_SETUP_HANDLERS,
      ...NO_HISTORY_HANDLERS,
    },
  };
}
