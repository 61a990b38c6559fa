/**
 * Feeds the shell store from the API: the first loads, the pushed events, and a snapshot fetch
 * whenever a host is selected that has none yet. Returns the function that stops listening.
 */
import type { FulcrumApi } from "../../core/api.ts";
import type { ShellStore } from "./shell-store.ts";

export function connectShell(store: ShellStore, api: FulcrumApi): () => void {
  const state = store.getState;
  const reportProblem = (error: unknown) =>
    state().problemOccurred(error instanceof Error ? error.message : String(error));

  const fetchSnapshot = (hostId: string | undefined) => {
    if (hostId === undefined || state().snapshots[hostId]) return;
    api.getSnapshot({ hostId }).then((snapshot) => state().snapshotReceived(hostId, snapshot), reportProblem);
  };

  const stops = [
    api.on("sampleReceived", (snapshot) => state().snapshotReceived(snapshot.hostId, snapshot)),
    api.on("hostStateChanged", ({ hostId, state: hostState }) => state().hostStateChanged(hostId, hostState)),
    store.subscribe((now, before) => {
      if (now.selectedHostId !== before.selectedHostId) fetchSnapshot(now.selectedHostId);
    }),
  ];

  api.getAppInfo({}).then((info) => state().appInfoLoaded(info), reportProblem);
  api.listHosts({}).then((hosts) => state().hostsLoaded(hosts), reportProblem);

  return () => {
    for (const stop of stops) stop();
  };
}
