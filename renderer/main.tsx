/** Renderer entry: find the carrier, start the store, render the shell. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { FulcrumApi } from "../core/api.ts";
import { connectApi } from "./api-client.ts";
import { App } from "./components/app.tsx";
import { connectShell } from "./state/connect-shell.ts";
import { ShellStoreProvider } from "./state/shell-context.tsx";
import { createShellStore } from "./state/shell-store.ts";

const store = createShellStore();
const page = window as Window & { fulcrum?: FulcrumApi };
const connection = connectApi(page, () =>
  store.getState().problemOccurred("Lost the connection to the Fulcrum server."),
);
if (connection.carrier === "none") store.getState().problemOccurred(connection.problem);
else connectShell(store, connection.api);

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element.");
createRoot(container).render(
  <StrictMode>
    <ShellStoreProvider store={store}>
      <App />
    </ShellStoreProvider>
  </StrictMode>,
);
