/**
 * Records what the live path publishes into history, off the hot path: samples become points
 * (snapshot-points.ts) queued in memory and written in one transaction every flushMs; events
 * become history events: gaps (a host not reachable, the sampler restarted, counters reset), VRRP
 * transitions, drift alerts and actions from the audit log. When history cannot be opened or
 * written (a read-only folder, a full disk, another writer), sampling and the live view go on,
 * status() says why, and the recorder tries again until it can.
 */
import type { EventOf, HostSnapshot } from "../api.ts";
import type { EventHub } from "../carrier/event-hub.ts";
import { HistoryError } from "./history-database.ts";
import type { HistoryEvent, HistoryQuery } from "./history-query.ts";
import { openHistoryForWriting, type HistoryWriteHandle } from "./history-store.ts";
import type { RetentionPolicy } from "./history-writer.ts";
import { snapshotPoints } from "./snapshot-points.ts";

export type RecorderStatus = { state: "writing"; file: string } | { state: "not-writing"; reason: string };

export interface HistoryRecorder {
  status(): RecorderStatus;
  /** The store's queries, while it is open. */
  query(): HistoryQuery | undefined;
  /** Writes what is queued now (also done every flushMs). */
  flush(): void;
  stop(): void;
}

export type HistoryRecorderOptions = {
  dataFolder: string;
  events: EventHub;
  flushMs?: number;
  /** How often to try again to open history after it could not be opened. */
  retryOpenMs?: number;
  retention?: RetentionPolicy;
  now?: () => number;
  onNotice?: (message: string) => void;
  /** Which hosts go into history (the demo's never do); default: every host. */
  records?: (hostId: string) => boolean;
};

type HostTrack = {
  sequence: number;
  vrrp: Map<string, string>;
  conns: Map<string, bigint>;
  gapSince?: number;
};

export function startHistoryRecorder(options: HistoryRecorderOptions): HistoryRecorder {
  const now = options.now ?? Date.now;
  let handle: HistoryWriteHandle | undefined;
  let openProblem = "";
  let pendingEvents: HistoryEvent[] = [];
  const hosts = new Map<string, HostTrack>();

  const tryOpen = (): void => {
    if (handle) return;
    try {
      handle = openHistoryForWriting(options.dataFolder, {
        ...(options.retention ? { retention: options.retention } : {}),
        ...(options.onNotice ? { onTakeover: options.onNotice } : {}),
      });
      for (const event of pendingEvents) handle.writer.appendEvent(event);
      pendingEvents = [];
      if (openProblem) options.onNotice?.(`history is being written again (${handle.file})`);
      openProblem = "";
    } catch (error) {
      const reason = error instanceof HistoryError ? error.message : String(error);
      if (reason !== openProblem) options.onNotice?.(`history is not being written: ${reason}`);
      openProblem = reason;
    }
  };

  const addEvent = (event: HistoryEvent): void => {
    if (handle) handle.writer.appendEvent(event);
    else if (pendingEvents.length < 10_000) pendingEvents.push(event);
  };

  const track = (hostId: string): HostTrack => {
    let found = hosts.get(hostId);
    if (!found) {
      found = { sequence: -1, vrrp: new Map(), conns: new Map() };
      hosts.set(hostId, found);
    }
    return found;
  };

  const onSample = (snapshot: HostSnapshot): void => {
    if (snapshot.stale) return; // a re-published old snapshot: its points are already queued
    const host = track(snapshot.hostId);
    if (host.sequence >= 0 && snapshot.sequence < host.sequence)
      addEvent({
        hostId: snapshot.hostId,
        kind: "gap",
        at: snapshot.at,
        summary: "the sampler restarted on the host",
        reason: "sampler-restarted",
      });
    host.sequence = snapshot.sequence;
    for (const instance of snapshot.vrrp?.instances ?? []) {
      const before = host.vrrp.get(instance.name);
      if (before !== undefined && before !== instance.state)
        addEvent({
          hostId: snapshot.hostId,
          kind: "vrrp-transition",
          at: snapshot.at,
          summary: `${instance.name}: ${before} -> ${instance.state}`,
          before,
          after: instance.state,
        });
      host.vrrp.set(instance.name, instance.state);
    }
    const reset: string[] = [];
    for (const service of snapshot.services) {
      const name = `${service.protocol}:${service.address ?? service.fwmark}:${service.port ?? ""}`;
      const conns = service.stats?.conns;
      if (conns === undefined || !/^\d+$/.test(conns)) continue;
      const value = BigInt(conns);
      const before = host.conns.get(name);
      if (before !== undefined && value < before) reset.push(name);
      host.conns.set(name, value);
    }
    if (reset.length > 0)
      addEvent({
        hostId: snapshot.hostId,
        kind: "gap",
        at: snapshot.at,
        summary: `IPVS counters reset (${reset.slice(0, 3).join(", ")}${reset.length > 3 ? ", ..." : ""})`,
        reason: "counters-reset",
      });
    handle?.writer.append(snapshotPoints(snapshot));
  };

  const onHostState = (payload: EventOf<"hostStateChanged">): void => {
    const host = track(payload.hostId);
    const at = now();
    if (payload.state.phase === "ready") {
      if (host.gapSince !== undefined)
        addEvent({
          hostId: payload.hostId,
          kind: "gap",
          at: host.gapSince,
          end: at,
          summary: "the host could not be sampled",
          reason: "host-unreachable",
        });
      host.gapSince = undefined;
    } else if (payload.state.phase === "retrying" || payload.state.phase === "failed") {
      host.gapSince ??= at;
    }
  };

  const onAudit = (entry: EventOf<"auditAppended">): void => {
    const at = Date.parse(entry.at);
    const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
    const summary =
      "type" in entry
        ? entry.summary
        : `${entry.intent.kind} ${entry.backend} in ${entry.service}: ${entry.result}`;
    const event: HistoryEvent = {
      hostId: entry.hostId,
      kind: "action",
      at: Number.isFinite(at) ? at : now(),
      summary,
      who: entry.who.sshUser ? `${entry.who.osUser} (as ${entry.who.sshUser})` : entry.who.osUser,
      auditId: entry.id,
    };
    const before = json(entry.before);
    const after = json(entry.after);
    if (before !== undefined) event.before = before;
    if (after !== undefined) event.after = after;
    addEvent(event);
  };

  const records = options.records ?? (() => true);
  const unsubscribe = options.events.subscribe((event, payload) => {
    const hostId = (payload as { hostId?: unknown } | undefined)?.hostId;
    if (typeof hostId === "string" && !records(hostId)) return;
    if (event === "sampleReceived") onSample(payload as HostSnapshot);
    else if (event === "hostStateChanged") onHostState(payload as EventOf<"hostStateChanged">);
    else if (event === "auditAppended") onAudit(payload as EventOf<"auditAppended">);
    else if (event === "alertRaised") {
      const alert = payload as EventOf<"alertRaised">;
      addEvent({ hostId: alert.hostId, kind: "drift-alert", at: alert.at, summary: alert.message });
    }
  });

  tryOpen();
  let lastRetry = now();
  const flush = (): void => {
    if (!handle) {
      if (now() - lastRetry >= (options.retryOpenMs ?? 10_000)) {
        lastRetry = now();
        tryOpen();
      }
      return;
    }
    const before = handle.writer.status().state;
    const status = handle.writer.flush(now());
    if (status.state !== before)
      options.onNotice?.(
        status.state === "writing" ? `history is being written again (${handle.file})` : status.reason,
      );
  };
  const timer = setInterval(flush, options.flushMs ?? 2000);
  timer.unref();

  return {
    status() {
      if (!handle) return { state: "not-writing", reason: openProblem || "history is not open" };
      const status = handle.writer.status();
      return status.state === "writing"
        ? { state: "writing", file: handle.file }
        : { state: "not-writing", reason: status.reason };
    },
    query: () => handle?.query,
    flush,
    stop() {
      clearInterval(timer);
      unsubscribe();
      const at = now();
      for (const [hostId, host] of hosts)
        if (host.gapSince !== undefined)
          addEvent({
            hostId,
            kind: "gap",
            at: host.gapSince,
            end: at,
            summary: "the host could not be sampled",
            reason: "host-unreachable",
          });
      if (handle) {
        handle.writer.flush(at);
        handle.close();
        handle = undefined;
      }
    },
  };
}
