/**
 * Finds the carrier this page runs on: Electron's preload bridge (`window.fulcrum`) or, in browser
 * mode, a WebSocket back to the server that served the page, authorised by the page's own token.
 */
import type { FulcrumApi } from "../core/api.ts";
import { API_SOCKET_PATH } from "../shared/web-socket-frames.ts";
import { electronApi } from "./electron-api.ts";
import { createWebSocketApi } from "./web-socket-api.ts";

export type ApiConnection =
  { carrier: "electron" | "browser"; api: FulcrumApi } | { carrier: "none"; problem: string };

export function connectApi(
  page: Pick<Window, "location"> & { fulcrum?: FulcrumApi },
  onDisconnected?: () => void,
): ApiConnection {
  if (page.fulcrum) return { carrier: "electron", api: electronApi(page.fulcrum) };

  const token = new URLSearchParams(page.location.search).get("token");
  if (!token) {
    return {
      carrier: "none",
      problem: "This page needs the URL with the token that `fulcrum serve` printed.",
    };
  }
  const scheme = page.location.protocol === "https:" ? "wss:" : "ws:";
  const url = `${scheme}//${page.location.host}${API_SOCKET_PATH}?token=${encodeURIComponent(token)}`;
  return { carrier: "browser", api: createWebSocketApi({ url, onDisconnected }) };
}
