import type { HostSummary, SessionState } from "../api.ts";
import type { HostMonitor } from "../live/host-monitor.ts";
import type { HostActions } from "./host-actions.ts";

/** One host the console follows: what the host list shows and the monitor that feeds it. */
export interface MonitoredHost {
  summary: HostSummary;
  monitor: HostMonitor;
  /** Changes to the host's IPVS table; absent where the host has none to change (an HAProxy demo). */
  actions?: HostActions;
  /** Ends the host's connection, if it has one. */
  close(): void;
}

export const DEMO_STATE: SessionState = { phase: "ready" };
