/**
 * The built-in demo cluster as monitored hosts: simulated, in-process, every one of kind "demo" so
 * the UI marks it as such. Their frames go through the production reader, parsers and rates.
 */
import type { EventHub } from "../carrier/event-hub.ts";
import { openDemoStream } from "../live/demo-stream.ts";
import { HostMonitor } from "../live/host-monitor.ts";
import { createDemoCluster } from "../sim/demo-cluster.ts";
import { DEMO_STATE, type MonitoredHost } from "./monitored-host.ts";

export function createDemoHosts(events: EventHub, intervalSeconds: number, now: () => number = Date.now): MonitoredHost[] {
  const cluster = createDemoCluster(now());
  return cluster.hosts.map((host) => {
    const monitor = new HostMonitor({
      hostId: host.name,
      open: openDemoStream(cluster, host, intervalSeconds, now),
      intervalSeconds,
      now,
      onSnapshot: (snapshot) => events.emit("sampleReceived", snapshot),
    });
    return {
      summary: { id: host.name, label: `${host.name} (demo)`, kind: "demo", production: false, state: DEMO_STATE },
      monitor,
      close: () => {},
    };
  });
}
