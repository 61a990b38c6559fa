/** Waits (bounded) for a HostSession to reach a phase, resolving with that state. */
import type { SessionState } from "../../../core/api.ts";
import type { HostSession } from "../../../core/ssh/session.ts";

export function waitForPhase(
  session: HostSession,
  phase: SessionState["phase"],
  timeoutMs = 15_000,
): Promise<SessionState> {
  if (session.state.phase === phase) return Promise.resolve(session.state);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`session stayed ${JSON.stringify(session.state)}; wanted ${phase}`));
    }, timeoutMs);
    const off = session.on("stateChanged", (state) => {
      if (state.phase !== phase) return;
      clearTimeout(timer);
      off();
      resolve(state);
    });
  });
}
