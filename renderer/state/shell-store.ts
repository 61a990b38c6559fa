/**
 * The shell's state: app info, the host list with session states, which host is selected, and the
 * latest snapshot per host with a short downsampled traffic history for the chart. A vanilla zustand store (testable without React); actions are named for
 * what happened, and the API wiring lives in connect-shell.ts.
 */
import { createStore } from "zustand/vanilla";
import type { AppInfo, HostList, HostSnapshot, HostSummary, SessionState } from "../../core/api.ts";
import { appendTrafficPoint, trafficPointOf, type TrafficPoint } from "../view-model/traffic-history.ts";

export type LoadStatus = "loading" | "ready" | "failed";

export interface ShellState {
  appInfo: AppInfo | undefined;
  hosts: HostSummary[];
  hostsStatus: LoadStatus;
  /** The core's own words when loading failed or the carrier went away. */
  problem: string | undefined;
  selectedHostId: string | undefined;
  /** Latest snapshot per host id; null when the core has none yet. */
  snapshots: Record<string, HostSnapshot | null>;
  /** Last ~5 minutes of totals per host, at most HISTORY_MAX_POINTS points each. */
  history: Record<string, TrafficPoint[]>;

  appInfoLoaded(info: AppInfo): void;
  hostsLoaded(hosts: HostSummary[]): void;
  /** Hosts were added or removed, or the demo came or went. */
  hostListChanged(list: HostList): void;
  problemOccurred(message: string): void;
  hostSelected(hostId: string): void;
  hostStateChanged(hostId: string, state: SessionState): void;
  snapshotReceived(hostId: string, snapshot: HostSnapshot | null): void;
}

export type ShellStore = ReturnType<typeof createShellStore>;

export function createShellStore() {
  return createStore<ShellState>()((set) => ({
    appInfo: undefined,
    hosts: [],
    hostsStatus: "loading",
    problem: undefined,
    selectedHostId: undefined,
    snapshots: {},
    history: {},

    appInfoLoaded: (appInfo) => set({ appInfo }),
    hostsLoaded: (hosts) =>
      set((state) => ({
        hosts,
        hostsStatus: "ready",
        // Keep the operator's choice if that host still exists; otherwise show the first one.
        selectedHostId: hosts.some((host) => host.id === state.selectedHostId)
          ? state.selectedHostId
          : hosts[0]?.id,
      })),
    hostListChanged: ({ hosts, demo }) =>
      set((state) => {
        const kept = new Set(hosts.map((host) => host.id));
        const keep = <T>(record: Record<string, T>) =>
          Object.fromEntries(Object.entries(record).filter(([id]) => kept.has(id)));
        // A host just added is what the operator wants to watch connect.
        const added = hosts.find((host) => !state.hosts.some((old) => old.id === host.id));
        const stillThere = state.selectedHostId !== undefined && kept.has(state.selectedHostId);
        return {
          hosts,
          hostsStatus: "ready",
          appInfo: state.appInfo ? { ...state.appInfo, demo } : state.appInfo,
          selectedHostId: added?.id ?? (stillThere ? state.selectedHostId : hosts[0]?.id),
          snapshots: keep(state.snapshots),
          history: keep(state.history),
        };
      }),
    problemOccurred: (problem) =>
      set((state) => ({
        problem,
        hostsStatus: state.hostsStatus === "loading" ? "failed" : state.hostsStatus,
      })),
    hostSelected: (selectedHostId) => set({ selectedHostId }),
    hostStateChanged: (hostId, hostState) =>
      set((state) => ({
        hosts: state.hosts.map((host) => (host.id === hostId ? { ...host, state: hostState } : host)),
      })),
    snapshotReceived: (hostId, snapshot) =>
      set((state) => {
        const current = state.snapshots[hostId];
        // A getSnapshot reply can arrive after a newer pushed sample: never go back in time.
        if (current && snapshot && snapshot.at < current.at) return {};
        if (current && snapshot === null) return {};
        if (!snapshot) return { snapshots: { ...state.snapshots, [hostId]: snapshot } };
        return {
          snapshots: { ...state.snapshots, [hostId]: snapshot },
          history: {
            ...state.history,
            [hostId]: appendTrafficPoint(state.history[hostId] ?? [], trafficPointOf(snapshot)),
          },
        };
      }),
  }));
}
