/**
 * The built-in demo cluster as monitored hosts: simulated, in-process, every one of kind "demo" so
 * the UI marks it as such. Their frames go through the production reader, parsers and rates.
 */
import { HostActionLocks } from "../actions/host-action-lock.ts";
import type { AuditLog } from "../audit/audit-log.ts";
import type { EventHub } from "../carrier/event-hub.ts";
import { openDemoStream } from "../live/demo-stream.ts";
import { HostMonitor } from "../live/host-monitor.ts";
import { advanceDemoCluster, createDemoCluster } from "../sim/demo-cluster.ts";
import { createSimExecutor } from "../sim/sim-executor.ts";
import { createSimHaproxyExecutor, SIM_HAPROXY_CONFIG } from "../sim/haproxy-sim-executor.ts";
import { HostActions } from "./host-actions.ts";
import { DEMO_STATE, type MonitoredHost } from "./monitored-host.ts";

/** Demo actions are audited in their own log (`audit`), never in the operator's. */
export function createDemoHosts(
  events: EventHub,
  intervalSeconds: number,
  audit: AuditLog,
  now: () => number = Date.now,
): MonitoredHost[] {
  const cluster = createDemoCluster(now());
  const locks = new HostActionLocks();
  return cluster.hosts.map((host) => {
    const monitor = new HostMonitor({
      hostId: host.name,
      open: openDemoStream(cluster, host, intervalSeconds, now),
      intervalSeconds,
      now,
      onSnapshot: (snapshot) => {
        events.emit("sampleReceived", snapshot);
        actions?.observe(snapshot);
      },
    });
    const advance = () => advanceDemoCluster(cluster, now());
    // The simulated HAProxy answers the runtime commands on its admin socket, and its next frame
    // shows the change; the socket is found in its haproxy.cfg, as on a real host.
    const actions =
      host.ipvs || host.haproxy
        ? new HostActions({
            hostId: host.name,
            production: false,
            audit,
            locks,
            onAudit: (entry) => events.emit("auditAppended", entry),
            onAlert: (alert) => events.emit("alertRaised", alert),
            ...(host.ipvs
              ? { ipvs: { executor: createSimExecutor(host.ipvs, advance), latest: () => monitor.latest } }
              : {}),
            ...(host.haproxy
              ? {
                  haproxy: {
                    executor: createSimHaproxyExecutor(host.haproxy, advance),
                    configPath: SIM_HAPROXY_CONFIG,
                  },
                }
              : {}),
          })
        : undefined;
    return {
      summary: {
        id: host.name,
        label: `${host.name} (demo)`,
        kind: "demo",
        production: false,
        state: DEMO_STATE,
      },
      monitor,
      ...(actions ? { actions } : {}),
      close: () => {},
    };
  });
}
