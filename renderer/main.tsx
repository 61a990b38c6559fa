/** Renderer entry: find the carrier, start the store, render the shell. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { FulcrumApi } from "../core/api.ts";
import { connectApi } from "./api-client.ts";
import { App } from "./components/app.tsx";
import { ActionStoreProvider } from "./state/action-context.tsx";
import { createActionStore } from "./state/action-store.ts";
import { connectActions } from "./state/connect-actions.ts";
import { connectHostSetup } from "./state/connect-host-setup.ts";
import { connectShell } from "./state/connect-shell.ts";
import { HostSetupProvider } from "./state/host-setup-context.tsx";
import { createHostSetupStore } from "./state/host-setup-store.ts";
import { ShellStoreProvider } from "./state/shell-context.tsx";
import { createShellStore } from "./state/shell-store.ts";

const store = createShellStore();
const page = window as Window & { fulcrum?: FulcrumApi };
const connection = connectApi(page, () =>
  store.getState().problemOccurred("Lost the connection to the Fulcrum server."),
);
const latestSnapshot = (hostId: string) => store.getState().snapshots[hostId];
const actions = createActionStore({
  api: connection.carrier === "none" ? refusingApi(connection.problem) : connection.api,
  latestSnapshot,
});
const hostSetup = createHostSetupStore(
  connection.carrier === "none" ? refusingSetupApi(connection.problem) : connection.api,
);
if (connection.carrier === "none") store.getState().problemOccurred(connection.problem);
else {
  connectShell(store, connection.api);
  connectActions(actions, store, connection.api);
  connectHostSetup(hostSetup, store, connection.api);
}

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element.");
createRoot(container).render(
  <StrictMode>
    <ShellStoreProvider store={store}>
      <ActionStoreProvider store={actions}>
        <HostSetupProvider store={hostSetup}>
          <App />
        </HostSetupProvider>
      </ActionStoreProvider>
    </ShellStoreProvider>
  </StrictMode>,
);

/** Without a carrier nothing can be changed; every action says why instead of hanging. */
function refusingApi(
  problem: string,
): Pick<FulcrumApi, "planAction" | "planHaproxyAction" | "applyAction" | "undoAction"> {
  const refuse = () => Promise.reject(new Error(problem));
  return { planAction: refuse, planHaproxyAction: refuse, applyAction: refuse, undoAction: refuse };
}

function refusingSetupApi(problem: string): Parameters<typeof createHostSetupStore>[0] {
  const refuse = () => Promise.reject(new Error(problem));
  return {
    addHost: refuse,
    removeHost: refuse,
    trustHostKey: refuse,
    retryHost: refuse,
    answerCredential: refuse,
    listCredentialRequests: refuse,
  };
}
