/**
 * The app side of the scale run, wired as core/app/ssh-hosts.ts createSshHost wires a real host:
 * one HostSession per alias, a HostMonitor (frame reader, frameToSample, SnapshotBuilder) on its
 * sampling stream, snapshots and session states emitted on an EventHub. createSshHost itself is not
 * used because it always runs the production sampling program; here the stream is the frame loop.
 * One subscriber counts snapshots and, when asked, serializes every event as the browser-mode
 * carrier does for each open socket (core/carrier/web-server.ts: JSON.stringify of
 * { event, payload }), so the carrier's share of the work can be in the measurement or left out.
 */
import type { HostSnapshot } from "../../core/api.ts";
import { createEventHub } from "../../core/carrier/event-hub.ts";
import { HostMonitor } from "../../core/live/host-monitor.ts";
import type { HostSession } from "../../core/ssh/session.ts";
import type { EventFrame } from "../../core/carrier/web-socket-protocol.ts";
import { openFrameLoopStream, type FrameLoopOptions } from "./frame-loop-stream.ts";

export interface Fleet {
  start(): void;
  /** Stops every monitor and closes every session. */
  stop(): void;
  counts(): { snapshots: number; serializedBytes: number };
  latest(): (HostSnapshot | null)[];
}

export interface FleetOptions {
  /** The event hub's zod check of every payload (on by default outside NODE_ENV=production). */
  validatePayloads: boolean;
  /** Serialize every event for one browser-mode socket; off: the pipeline alone. */
  serializeForCarrier: boolean;
}

export function createFleet(sessions: HostSession[], loop: FrameLoopOptions, options: FleetOptions): Fleet {
  const events = createEventHub({ validatePayloads: options.validatePayloads });
  let snapshots = 0;
  let serializedBytes = 0;
  events.subscribe((event, payload) => {
    if (options.serializeForCarrier) serializedBytes += JSON.stringify({ event, payload } satisfies EventFrame).length;
    if (event === "sampleReceived") snapshots += 1;
  });
  const monitors = sessions.map((session) => {
    const hostId = session.target.alias;
    session.on("stateChanged", (state) => events.emit("hostStateChanged", { hostId, state }));
    return new HostMonitor({
      hostId,
      open: openFrameLoopStream(session, loop),
      intervalSeconds: 1,
      onSnapshot: (snapshot) => events.emit("sampleReceived", snapshot),
    });
  });
  return {
    start: () => monitors.forEach((monitor) => monitor.start()),
    stop: () => {
      monitors.forEach((monitor) => monitor.stop());
      sessions.forEach((session) => session.close());
    },
    counts: () => ({ snapshots, serializedBytes }),
    latest: () => monitors.map((monitor) => monitor.latest),
  };
}
