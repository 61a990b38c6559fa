/**
 * Feeds the action store from the API and the shell: pushed audit entries, live samples for the
 * drains being followed, and each host's audit list the first time it is selected. Returns the
 * function that stops listening.
 */
import type { FulcrumApi } from "../../core/api.ts";
import type { ActionStore } from "./action-store.ts";
import type { ShellStore } from "./shell-store.ts";
import { english, type I18n } from "../i18n/i18n.ts";

export function connectActions(
  actions: ActionStore,
  shell: ShellStore,
  api: FulcrumApi,
  i18n: () => I18n = () => english,
): () => void {
  const state = actions.getState;
  const requested = new Set<string>();
  const loadAudit = (hostId: string | undefined) => {
    if (hostId === undefined || requested.has(hostId)) return;
    requested.add(hostId);
    api.listAudit({ hostId }).then(
      (entries) => state().auditLoaded(hostId, entries),
      (error: unknown) => {
        // Ask again the next time the host is selected.
        requested.delete(hostId);
        shell.getState().problemOccurred(
          i18n().t("app.auditUnreadable", {
            message: error instanceof Error ? error.message : String(error),
          }),
        );
      },
    );
  };

  const stops = [
    api.on("auditAppended", (entry) => state().auditAppended(entry)),
    api.on("alertRaised", (alert) => state().alertRaised(alert)),
    api.on("sampleReceived", (snapshot) => state().snapshotObserved(snapshot)),
    shell.subscribe((now, before) => {
      if (now.selectedHostId !== before.selectedHostId) loadAudit(now.selectedHostId);
    }),
  ];
  loadAudit(shell.getState().selectedHostId);
  return () => {
    for (const stop of stops) stop();
  };
}
