/**
 * Feeds the host list and the login questions from the API's events: hostsChanged replaces the
 * list, credentialRequested/credentialSettled open and close question dialogs, and questions asked
 * before this window opened are loaded once. Returns the function that stops listening.
 */
import type { FulcrumApi } from "../../core/api.ts";
import type { HostSetupStore } from "./host-setup-store.ts";
import type { ShellStore } from "./shell-store.ts";

export function connectHostSetup(setup: HostSetupStore, shell: ShellStore, api: FulcrumApi): () => void {
  const stops = [
    api.on("hostsChanged", (list) => shell.getState().hostListChanged(list)),
    api.on("credentialRequested", (question) => setup.getState().questionAsked(question)),
    api.on("credentialSettled", ({ promptId }) => setup.getState().questionSettled(promptId)),
  ];
  api.listCredentialRequests({}).then(
    (questions) => setup.getState().questionsLoaded(questions),
    (error: unknown) =>
      shell.getState().problemOccurred(error instanceof Error ? error.message : String(error)),
  );
  return () => {
    for (const stop of stops) stop();
  };
}
