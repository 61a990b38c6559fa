/**
 * Wires the API contract to Electron IPC: one ipcMain.handle per request name on `fulcrum:<name>`,
 * and core events pushed to the window on one event channel. Electron is injected (types only here),
 * so tests drive this file with a fake ipcMain and no Electron binary.
 */
import type { IpcMain, IpcMainInvokeEvent } from "electron";
import { REQUEST_NAMES, type ApiResult } from "../core/api.ts";
import type { ApiDispatch } from "../core/carrier/api-dispatcher.ts";
import type { EventHub } from "../core/carrier/event-hub.ts";
import { EVENT_CHANNEL, requestChannel } from "./channels.ts";

export interface ApiIpcOptions {
  ipcMain: Pick<IpcMain, "handle" | "removeHandler">;
  dispatch: ApiDispatch;
  /** True when the sender frame's URL is our own renderer (see renderer-url.ts). */
  isOwnRenderer: (senderUrl: string | undefined) => boolean;
}

/** Registers the handlers; returns a function that removes them again. */
export function registerApiIpc(options: ApiIpcOptions): () => void {
  for (const name of REQUEST_NAMES) {
    options.ipcMain.handle(
      requestChannel(name),
      async (event: IpcMainInvokeEvent, payload: unknown): Promise<ApiResult<unknown>> => {
        // senderFrame is null when the frame has gone (navigated or destroyed) since it sent.
        if (!options.isOwnRenderer(event.senderFrame?.url)) {
          return {
            ok: false,
            error: {
              code: "forbidden-sender",
              message: "Request refused: it did not come from Fulcrum's own page.",
            },
          };
        }
        return options.dispatch(name, payload);
      },
    );
  }
  return () => {
    for (const name of REQUEST_NAMES) options.ipcMain.removeHandler(requestChannel(name));
  };
}

export interface EventTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Forwards every core event to one window's renderer; returns the unsubscribe function. */
export function forwardEventsToRenderer(events: EventHub, target: EventTarget): () => void {
  return events.subscribe((event, payload) => {
    if (!target.isDestroyed()) target.send(EVENT_CHANNEL, { event, payload });
  });
}
