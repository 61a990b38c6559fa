/**
 * Real hosts reached over SSH, by their ~/.ssh/config alias: one session each (pooled by resolved
 * identity), a sampling stream on it, and the session's state published as hostStateChanged.
 */
import type { EventHub } from "../carrier/event-hub.ts";
import { HostMonitor } from "../live/host-monitor.ts";
import { openSshSamplerStream, type SshSamplerOptions } from "../live/ssh-stream.ts";
import type { HostSession } from "../ssh/session.ts";
import type { MonitoredHost } from "./monitored-host.ts";

export interface SshHostSpec {
  session: HostSession;
  production: boolean;
  sampler: SshSamplerOptions;
}

export function createSshHost(spec: SshHostSpec, events: EventHub): MonitoredHost {
  const id = spec.session.target.alias;
  const host: MonitoredHost = {
    summary: { id, label: id, kind: "ssh", production: spec.production, state: spec.session.state },
    monitor: new HostMonitor({
      hostId: id,
      open: openSshSamplerStream(spec.session, spec.sampler),
      intervalSeconds: spec.sampler.intervalSeconds,
      onSnapshot: (snapshot) => events.emit("sampleReceived", snapshot),
    }),
    close: () => spec.session.close(),
  };
  spec.session.on("stateChanged", (state) => {
    host.summary = { ...host.summary, state };
    events.emit("hostStateChanged", { hostId: id, state });
  });
  return host;
}
