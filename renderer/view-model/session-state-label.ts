/** A host session's state in words, for the host list; the problem message is the core's own. */
import type { SessionState } from "../../core/api.ts";

export interface SessionStateView {
  text: string;
  tone: "ok" | "busy" | "bad" | "idle";
}

export function sessionStateLabel(state: SessionState, now: number): SessionStateView {
  switch (state.phase) {
    case "ready":
      return { text: "Connected", tone: "ok" };
    case "connecting":
      return { text: "Connecting…", tone: "busy" };
    case "retrying": {
      if (state.retryAt === undefined) return { text: "Retrying", tone: "busy" };
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      return { text: `Retrying in ${seconds} s`, tone: "busy" };
    }
    case "failed":
      return { text: state.problem ? `Failed: ${state.problem.message}` : "Failed", tone: "bad" };
    case "closed":
      return { text: "Closed", tone: "idle" };
    case "idle":
      return { text: "Not connected", tone: "idle" };
  }
}
