/**
 * Finds the carrier this page runs on: Electron's preload bridge (`window.fulcrum`) or, in browser
 * mode, a WebSocket back to the server that served the page. Browser mode authorises that socket by
 * the session cookie the server set when this browser exchanged the printed one-time URL (an
 * HttpOnly cookie: this script never sees it, and the page URL carries no token by the time it runs).
 */
import type { FulcrumApi } from "../core/api.ts";
import { API_SOCKET_PATH } from "../shared/web-socket-frames.ts";
import { electronApi } from "./electron-api.ts";
import { createWebSocketApi } from "./web-socket-api.ts";

/** "no-server": the page was opened from a file or another scheme, with no `fulcrum serve` behind it. */
export type ApiConnection =
  { carrier: "electron" | "browser"; api: FulcrumApi } | { carrier: "none"; problem: "no-server" };

export function connectApi(
  page: Pick<Window, "location"> & { fulcrum?: FulcrumApi },
  onDisconnected?: () => void,
  disconnectedMessage?: () => string,
): ApiConnection {
  if (page.fulcrum) return { carrier: "electron", api: electronApi(page.fulcrum) };

  const { protocol, host } = page.location;
  if (protocol !== "http:" && protocol !== "https:") {
    return { carrier: "none", problem: "no-server" };
  }
  const scheme = protocol === "https:" ? "wss:" : "ws:";
  return {
    carrier: "browser",
    api: createWebSocketApi({
      url: `${scheme}//${host}${API_SOCKET_PATH}`,
      ...(onDisconnected ? { onDisconnected } : {}),
      ...(disconnectedMessage ? { disconnectedMessage } : {}),
    }),
  };
}
