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
import { createSettingsStore } from "./state/settings-store.ts";
import { I18nProvider } from "./state/i18n-context.tsx";
import { HistoryApiProvider } from "./state/history-api-context.tsx";
import { flowTitles } from "./state/action-store.ts";
import { i18nFor } from "./i18n/i18n.ts";
import { resolveLanguage } from "./i18n/language.ts";

const settings = createSettingsStore(storageOf(window));
const systemLanguages = [...navigator.languages];
const currentI18n = () => i18nFor(resolveLanguage(settings.getState().language, systemLanguages));
const store = createShellStore();
const page = window as Window & { fulcrum?: FulcrumApi };
const connection = connectApi(
  page,
  () => store.getState().problemOccurred(currentI18n().t("app.lostConnection")),
  () => currentI18n().t("app.disconnected"),
);
/** Without a carrier, what the page says instead of hanging (in the language it opened in). */
const noCarrier = connection.carrier === "none" ? currentI18n().t("app.noServer") : "";
const latestSnapshot = (hostId: string) => store.getState().snapshots[hostId];
const actions = createActionStore({
  api: connection.carrier === "none" ? refusingApi(noCarrier) : connection.api,
  latestSnapshot,
  titles: flowTitles(currentI18n),
});
const hostSetup = createHostSetupStore(
  connection.carrier === "none" ? refusingSetupApi(noCarrier) : connection.api,
);
if (connection.carrier === "none") store.getState().problemOccurred(noCarrier);
else {
  connectShell(store, connection.api);
  connectActions(actions, store, connection.api, currentI18n);
  connectHostSetup(hostSetup, store, connection.api);
}

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element.");
createRoot(container).render(
  <StrictMode>
    <I18nProvider settings={settings} systemLanguages={systemLanguages}>
      <ShellStoreProvider store={store}>
        <ActionStoreProvider store={actions}>
          <HostSetupProvider store={hostSetup}>
            <HistoryApiProvider api={connection.carrier === "none" ? undefined : connection.api}>
              <App />
            </HistoryApiProvider>
          </HostSetupProvider>
        </ActionStoreProvider>
      </ShellStoreProvider>
    </I18nProvider>
  </StrictMode>,
);

/** localStorage, unless the page may not use it (a sandboxed or privacy-locked page): then nothing is kept. */
function storageOf(page: Window): Storage | undefined {
  try {
    return page.localStorage;
  } catch {
    return undefined;
  }
}

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
