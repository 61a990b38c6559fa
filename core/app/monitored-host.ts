import type { HostSummary, SessionState } from "../api.ts";
import type { HostMonitor } from "../live/host-monitor.ts";
import type { HostActions } from "./host-actions.ts";

/** One host the console follows: what the host list shows and the monitor that feeds it. */
export interface MonitoredHost {
  summary: HostSummary;
  monitor: HostMonitor;
  /** Changes to the host, for each action family it has (IPVS table, HAProxy servers). */
  actions?: HostActions;
  /** The operator's say in the host's SSH login; absent for demo hosts, which have none. */
  connection?: HostConnectionControl;
  /** Ends the host's connection, if it has one. */
  close(): void;
}

export interface HostConnectionControl {
  /** Trusts the unknown host key the host presented (by its SHA256 fingerprint), then connects. */
  trustHostKey(fingerprint: string): Promise<SessionState>;
  /** Connects again after a failure the operator has dealt with. */
  retry(): SessionState;
}

export const DEMO_STATE: SessionState = { phase: "ready" };
