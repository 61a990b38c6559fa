/**
 * The renderer's only door to the core: `window.fulcrum`, one function per request in the contract
 * plus `on(event, listener)`. Deliberately no generic invoke(channel, ...): a compromised page can
 * call these named requests (which main validates) and nothing else.
 *
 * Runs sandboxed, bundled as CommonJS by Forge's preload build (a sandboxed preload can only
 * require "electron"), so it imports types, the channel names and pure shared code, never core values.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import type { ApiResult, EventName, FulcrumApi, RequestName } from "../core/api.ts";
import { bridgeErrorMessage } from "../shared/api-error.ts";
import { BRIDGED_REQUESTS, EVENT_CHANNEL, isBridgedEvent, requestChannel } from "./channels.ts";

async function request(name: RequestName, payload: unknown): Promise<unknown> {
  const result = (await ipcRenderer.invoke(requestChannel(name), payload)) as ApiResult<unknown>;
  if (result.ok) return result.value;
  // contextBridge copies only an Error's message across, so the envelope travels inside it; the
  // page turns it back into the same ApiRequestError the browser carrier raises (shared/api-error.ts).
  throw new Error(bridgeErrorMessage(result.error));
}

function on(event: EventName, listener: (payload: unknown) => void): () => void {
  if (!isBridgedEvent(event)) throw new Error(`Unknown event ${JSON.stringify(String(event))}.`);
  if (typeof listener !== "function") throw new Error("on(event, listener) needs a function.");
  // The IpcRendererEvent (with its sender) stays in the preload; the page gets only the payload.
  const forward = (_ipcEvent: IpcRendererEvent, message: { event: EventName; payload: unknown }) => {
    if (message.event === event) listener(message.payload);
  };
  ipcRenderer.on(EVENT_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  };
}

function buildBridge(): FulcrumApi {
  const requests = Object.fromEntries(
    (Object.keys(BRIDGED_REQUESTS) as RequestName[]).map((name) => [
      name,
      (payload: unknown) => request(name, payload),
    ]),
  );
  return { ...requests, on } as FulcrumApi;
}

contextBridge.exposeInMainWorld("fulcrum", buildBridge());
