/**
 * Real hosts reached over SSH, by their ~/.ssh/config alias: one session each (pooled by resolved
 * identity), a sampling stream on it, and the session's state published as hostStateChanged.
 */
import type { HostActionLocks } from "../actions/host-action-lock.ts";
import { sessionExecutor } from "../actions/host-executor.ts";
import type { AuditLog } from "../audit/audit-log.ts";
import type { EventHub } from "../carrier/event-hub.ts";
import { HostMonitor } from "../live/host-monitor.ts";
import { openSshSamplerStream, type SshSamplerOptions } from "../live/ssh-stream.ts";
import type { HostSession } from "../ssh/session.ts";
import { HostActions } from "./host-actions.ts";
import type { MonitoredHost } from "./monitored-host.ts";

export interface SshHostSpec {
  session: HostSession;
  production: boolean;
  sampler: SshSamplerOptions;
}

export interface SshHostActionsDeps {
  audit: AuditLog;
  locks: HostActionLocks;
}

export function createSshHost(
  spec: SshHostSpec,
  events: EventHub,
  actionDeps?: SshHostActionsDeps,
): MonitoredHost {
  const id = spec.session.target.alias;
  const monitor = new HostMonitor({
    hostId: id,
    open: openSshSamplerStream(spec.session, spec.sampler),
    intervalSeconds: spec.sampler.intervalSeconds,
    onSnapshot: (snapshot) => {
      events.emit("sampleReceived", snapshot);
      host.actions?.observe(snapshot);
    },
  });
  const host: MonitoredHost = {
    summary: { id, label: id, kind: "ssh", production: spec.production, state: spec.session.state },
    monitor,
    close: () => spec.session.close(),
  };
  if (actionDeps) {
    host.actions = new HostActions({
      hostId: id,
      production: spec.production,
      executor: sessionExecutor(spec.session),
      audit: actionDeps.audit,
      locks: actionDeps.locks,
      latest: () => monitor.latest,
      onAudit: (entry) => events.emit("auditAppended", entry),
      onAlert: (alert) => events.emit("alertRaised", alert),
      sshUser: spec.session.target.user,
      readKeepalivedConfig: true,
    });
  }
  spec.session.on("stateChanged", (state) => {
    host.summary = { ...host.summary, state };
    events.emit("hostStateChanged", { hostId: id, state });
  });
  return host;
}
