/**
 * Every web contents Fulcrum creates stays on its own page: no navigation, no new windows, no
 * <webview>. Links to documentation would go through shell.openExternal after an allow-list, when
 * there are any; there are none yet.
 */
import type { App } from "electron";

export function denyNavigationEverywhere(app: App): void {
  app.on("web-contents-created", (_event, contents) => {
    contents.on("will-navigate", (event) => event.preventDefault());
    contents.on("will-redirect", (event) => event.preventDefault());
    contents.on("will-attach-webview", (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: "deny" }));
  });
}
