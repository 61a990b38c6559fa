/**
 * Every web contents Fulcrum creates stays on its own page: no navigation of the main frame or of
 * any subframe, no redirects, no new windows, no <webview>. Links to documentation would go
 * through shell.openExternal after an allow-list, when there are any; there are none yet.
 */
import type { App } from "electron";

export function denyNavigationEverywhere(app: Pick<App, "on">): void {
  app.on("web-contents-created", (_event, contents) => {
    contents.on("will-navigate", (event) => event.preventDefault());
    // will-navigate fires for the main frame only; an iframe (injected, or ever added) navigates here.
    contents.on("will-frame-navigate", (event) => event.preventDefault());
    contents.on("will-redirect", (event) => event.preventDefault());
    contents.on("will-attach-webview", (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: "deny" }));
  });
}
