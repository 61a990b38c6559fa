/**
 * The application behind both carriers (Electron IPC and browser mode): the hosts it follows and
 * the API handlers over them. The demo cluster is shown when no real host is configured, and it is
 * always marked demo.
 */
import type { AppInfo } from "../api.ts";
import type { ApiHandlers } from "../carrier/api-handlers.ts";
import type { EventHub } from "../carrier/event-hub.ts";
import { createDemoHosts } from "./demo-hosts.ts";
import type { MonitoredHost } from "./monitored-host.ts";

export interface AppCoreOptions {
  info: Pick<AppInfo, "version" | "carrier">;
  events: EventHub;
  /** Real hosts; when empty, the demo cluster is shown instead. */
  hosts: MonitoredHost[];
  demoIntervalSeconds?: number;
}

export interface AppCore {
  handlers: ApiHandlers;
  start(): void;
  stop(): void;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const demo = options.hosts.length === 0;
  const hosts = demo ? createDemoHosts(options.events, options.demoIntervalSeconds ?? 2) : options.hosts;
  const byId = new Map(hosts.map((host) => [host.summary.id, host]));
  return {
    handlers: {
      getAppInfo: async () => ({ ...options.info, demo }),
      listHosts: async () => hosts.map((host) => host.summary),
      getSnapshot: async ({ hostId }) => byId.get(hostId)?.monitor.latest ?? null,
    },
    start: () => hosts.forEach((host) => host.monitor.start()),
    stop: () =>
      hosts.forEach((host) => {
        host.monitor.stop();
        host.close();
      }),
  };
}
