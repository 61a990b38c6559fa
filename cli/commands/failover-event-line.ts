/** One line per FailoverEvent as it happens, with the time since the failover started. */
import type { FailoverEvent } from "../../core/actions/failover/failover-events.ts";

function body(event: FailoverEvent): string {
  switch (event.type) {
    case "failoverStarted":
      return `started: ${event.instance} (${event.vips.join(", ")}) from ${event.master} to ${event.peer} by ${event.method}`;
    case "failoverRefused":
      return `refused: ${event.reasons.join("; ")}`;
    case "stepRan": {
      const stderr = event.stderr.trim() ? ` stderr: ${event.stderr.trim()}` : "";
      return `${event.phase} on ${event.node}: ${event.shell} -> exit ${event.code ?? "none"}${stderr}`;
    }
    case "stepFailed":
      return `${event.phase} on ${event.node}: ${event.shell} -> FAILED: ${event.problem}`;
    case "vipPolled":
      return `${event.phase} poll: ${event.location} (master: ${event.onMaster.join(", ") || "none"}; peer: ${event.onPeer.join(", ") || "none"})`;
    case "pollFailed":
      return `${event.phase} poll of ${event.node} failed: ${event.problem}`;
    case "vipMoved":
      return `VIP moved: on the peer only, after ${event.elapsedMs} ms`;
    case "splitBrainDetected":
      return `SPLIT BRAIN (${event.phase}): both nodes hold ${event.vips.join(", ")}`;
    case "verificationFailed":
      return `not verified: ${event.failure}: ${event.detail}`;
    case "rollbackStarted":
      return "rolling back";
    case "rollbackVerified":
      return `rolled back: the VIP is on the master again after ${event.elapsedMs} ms`;
    case "rollbackFailed":
      return `ROLLBACK FAILED: ${event.failure}: ${event.detail}`;
    case "failoverFinished":
      return `finished: ${event.outcome}`;
  }
}

export function failoverEventLine(event: FailoverEvent, startedAt: number): string {
  const seconds = ((event.at - startedAt) / 1000).toFixed(2).padStart(6);
  return `[+${seconds}s] ${body(event)}`;
}
