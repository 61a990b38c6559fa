/**
 * Real hosts reached over SSH, by their ~/.ssh/config alias: one session (one connection) per alias,
 * a sampling stream on it, and the session's state published as hostStateChanged. Two aliases of
 * one machine are two connections: each is its own host in the console.
 */
import type { HostActionLocks } from "../actions/host-action-lock.ts";
import { sessionExecutor } from "../actions/host-executor.ts";
import type { AuditLog } from "../audit/audit-log.ts";
import type { EventHub } from "../carrier/event-hub.ts";
import { HostMonitor } from "../live/host-monitor.ts";
import { openSshSamplerStream, type SshSamplerOptions } from "../live/ssh-stream.ts";
import type { HostSession } from "../ssh/session.ts";
import { DEFAULT_HAPROXY_CONFIG } from "../actions/haproxy/resolve-haproxy-socket.ts";
import { KEEPALIVED_CONFIG } from "../actions/keepalived-managed.ts";
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
  const { session } = spec;
  // A failed session waits for the operator (trust a key, give a passphrase, fix sudo): only they
  // start it again. The connect() here is not awaited: its outcome arrives as stateChanged.
  const reconnect = (): void => void session.connect().catch(() => {});
  const host: MonitoredHost = {
    summary: { id, label: id, kind: "ssh", production: spec.production, state: session.state },
    monitor,
    connection: {
      trustHostKey: async (fingerprint) => {
        await session.trustHostKey(fingerprint);
        reconnect();
        return session.state;
      },
      retry: () => {
        reconnect();
        return session.state;
      },
    },
    close: () => session.close(),
  };
  if (actionDeps) {
    const executor = sessionExecutor(spec.session);
    // The same socket and config the sampler reads, so actions change what the HAProxy table shows.
    const { haproxySocket, haproxyConfig } = spec.sampler;
    host.actions = new HostActions({
      hostId: id,
      production: spec.production,
      audit: actionDeps.audit,
      locks: actionDeps.locks,
      onAudit: (entry) => events.emit("auditAppended", entry),
      onAlert: (alert) => events.emit("alertRaised", alert),
      sshUser: spec.session.target.user,
      ipvs: { executor, latest: () => monitor.latest, keepalivedConfig: KEEPALIVED_CONFIG },
      haproxy: {
        executor,
        configPath: haproxyConfig ?? DEFAULT_HAPROXY_CONFIG,
        ...(haproxySocket === undefined ? {} : { socket: haproxySocket }),
      },
    });
  }
  spec.session.on("stateChanged", (state) => {
    host.summary = { ...host.summary, state };
    events.emit("hostStateChanged", { hostId: id, state });
  });
  return host;
}
