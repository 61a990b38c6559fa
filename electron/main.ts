/**
 * Electron main process: lifecycle, menu, the window, and the API carried over IPC. The handlers
 * are the one seam to the core (core/app/app-core.ts).
 */
import path from "node:path";
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from "electron";
import { createApiDispatcher } from "../core/carrier/api-dispatcher.ts";
import { createAppCore } from "../core/app/app-core.ts";
import { createConsoleSetup } from "../core/app/console-setup.ts";
import { createEventHub } from "../core/carrier/event-hub.ts";
import { fulcrumDataFolder } from "../core/data-folder.ts";
import { startHistoryRecorder } from "../core/history/history-recorder.ts";
import { recorderHistory } from "../core/app/recorder-history.ts";
import { electronPdfPrinter } from "./report-pdf.ts";
import { saveReportFile } from "./report-save.ts";
import { buildAppMenuTemplate } from "./app-menu.ts";
import { APP_RENDERER_URL, handleAppScheme, registerAppScheme } from "./app-protocol.ts";
import { denyNavigationEverywhere } from "./harden-web-contents.ts";
import { hardenSession } from "./harden-session.ts";
import { forwardEventsToRenderer, registerApiIpc } from "./ipc.ts";
import { createMainWindow } from "./main-window.ts";
import { createRendererUrlCheck } from "./renderer-url.ts";

// The bundle is CommonJS (.vite/build/main.cjs), so __dirname is the build folder.
const preloadPath = path.join(__dirname, "preload.cjs");
const rendererDir = path.join(__dirname, `../renderer/${MAIN_WINDOW_VITE_NAME}`);
// Packaged, the renderer is served as app://fulcrum/ (app-protocol.ts), never from file://.
const rendererUrl = MAIN_WINDOW_VITE_DEV_SERVER_URL ?? APP_RENDERER_URL;
// Privileged schemes must be registered before `ready`.
registerAppScheme(protocol);

const events = createEventHub();
// The operator's hosts are saved in the data folder as they add them; until there is one, the app
// shows the built-in demo cluster (every host marked demo).
const { setup, audit } = createConsoleSetup({ events, intervalSeconds: 2 });
// History of the followed hosts (never the demo's) while the app runs; see core/history.
const dataFolder = fulcrumDataFolder();
const recorder = startHistoryRecorder({
  dataFolder,
  events,
  records: (hostId) => core.isRealHost(hostId),
  onNotice: (message) => console.warn(`fulcrum: ${message}`),
});
const core = createAppCore({
  info: { version: app.getVersion(), carrier: "electron" },
  events,
  hosts: [],
  setup,
  audit,
  history: recorderHistory(dataFolder, recorder),
  pdfPrinter: electronPdfPrinter(),
  // Exports are saved where the operator chooses in main's save dialog, never by the page.
  deliverReport: (file) => saveReportFile(BrowserWindow.getFocusedWindow() ?? undefined, file),
});

function openWindow(): void {
  const window = createMainWindow({ preloadPath, rendererUrl });
  const stopForwarding = forwardEventsToRenderer(events, window.webContents);
  window.on("closed", stopForwarding);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  denyNavigationEverywhere(app);

  app.on("second-instance", () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });

  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  void app.whenReady().then(async () => {
    if (MAIN_WINDOW_VITE_DEV_SERVER_URL === undefined) handleAppScheme(protocol, rendererDir);
    hardenSession(session.defaultSession, rendererUrl);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildAppMenuTemplate({ isMac: process.platform === "darwin", isDevelopment: !app.isPackaged }),
      ),
    );
    registerApiIpc({
      ipcMain,
      dispatch: createApiDispatcher(core.handlers),
      isOwnRenderer: createRendererUrlCheck(rendererUrl),
    });
    // A damaged host list must not keep the console from opening: say so, and show the demo.
    await core.start().catch((error: unknown) => {
      dialog.showErrorBox(
        "Fulcrum could not open your saved hosts",
        error instanceof Error ? error.message : String(error),
      );
    });
    openWindow();
  });

  app.on("before-quit", () => {
    core.stop();
    recorder.stop();
  });
}
