// One failed request, through both carriers, to the same handlers: Electron (main's ipc.ts -> the
// preload under a mocked "electron" -> the page's electronApi) and browser mode (the WebSocket
// client over an in-memory socket that answers through the same dispatcher). The renderer must get
// the same ApiRequestError, code and message, from either.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { FulcrumApi } from "../../../core/api.ts";
import { createApiDispatcher, type ApiDispatch } from "../../../core/carrier/api-dispatcher.ts";
import type { ApiHandlers } from "../../../core/carrier/api-handlers.ts";
import { HandlerError } from "../../../core/carrier/handler-error.ts";
import { registerApiIpc } from "../../../electron/ipc.ts";
import { electronApi } from "../../../renderer/electron-api.ts";
import { createWebSocketApi, type WebSocketLike } from "../../../renderer/web-socket-api.ts";
import { ApiRequestError, bridgeErrorMessage, fromBridgeError } from "../../../shared/api-error.ts";
import type { RequestFrame } from "../../../shared/web-socket-frames.ts";
import { NO_ACTION_HANDLERS, NO_HISTORY_HANDLERS, NO_HOST_SETUP_HANDLERS } from "./no-action-handlers.ts";
import { testHost } from "./test-snapshot.ts";

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  handlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
}));
vi.mock("electron", () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => void electron.exposed.set(key, value),
  },
  ipcRenderer: {
    // What Electron does between the two: main's handler runs, its value comes back.
    invoke: async (channel: string, payload: unknown) =>
      electron.handlers.get(channel)?.({ senderFrame: { url: "fulcrum://own" } }, payload),
    on: () => {},
    removeListener: () => {},
  },
}));

const handlers: ApiHandlers = {
  getAppInfo: async () => ({ version: "0.0.0-test", carrier: "electron", demo: false }),
  listHosts: async () => [testHost()],
  getSnapshot: async () => {
    throw new Error("something broke");
  },
  ...NO_ACTION_HANDLERS,
  ...NO_HOST_SETUP_HANDLERS,
  ...NO_HISTORY_HANDLERS,
  addHost: async ({ alias }) => {
    throw new HandlerError("already-followed", `${alias} is already followed`);
  },
};

/** Browser mode without a server: each request frame answered by the dispatcher, as the server does. */
function inMemorySocket(dispatch: ApiDispatch): WebSocketLike {
  const listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();
  const emit = (type: string, event: { data?: unknown } = {}) =>
    (listeners.get(type) ?? []).forEach((listener) => listener(event));
  queueMicrotask(() => emit("open"));
  return {
    readyState: 1,
    send: (data) => {
      const frame = JSON.parse(data) as RequestFrame;
      void dispatch(frame.name, frame.payload).then((result) =>
        emit("message", { data: JSON.stringify({ id: frame.id, result }) }),
      );
    },
    close: () => emit("close"),
    addEventListener: (type, listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
  };
}

let viaElectron: FulcrumApi;
let viaBrowser: FulcrumApi;

beforeAll(async () => {
  const dispatch = createApiDispatcher(handlers, { validateReplies: true });
  registerApiIpc({
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) =>
        void electron.handlers.set(channel, handler),
      removeHandler: (channel: string) => void electron.handlers.delete(channel),
    } as never,
    dispatch,
    isOwnRenderer: (url) => url === "fulcrum://own",
  });
  await import("../../../electron/preload.ts");
  viaElectron = electronApi(electron.exposed.get("fulcrum") as FulcrumApi);
  viaBrowser = createWebSocketApi({ url: "ws://test/api", openSocket: () => inMemorySocket(dispatch) });
});

async function rejection(request: Promise<unknown>): Promise<ApiRequestError> {
  const error = await request.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiRequestError);
  return error as ApiRequestError;
}

describe("the renderer sees one error object from both carriers", () => {
  it.each([
    [
      "a handler's own code",
      (api: FulcrumApi) => api.addHost({ alias: "lb1", production: false }),
      "already-followed",
      "lb1 is already followed",
    ],
    [
      "a request the contract refuses",
      (api: FulcrumApi) => api.getSnapshot({ hostId: "" }),
      "invalid-request",
      expect.stringContaining("Invalid getSnapshot request"),
    ],
    [
      "a handler that breaks",
      (api: FulcrumApi) => api.getSnapshot({ hostId: "lb1" }),
      "internal-error",
      "something broke",
    ],
  ] as const)("%s", async (_case, call, code, message) => {
    const [electronError, browserError] = [
      await rejection(call(viaElectron)),
      await rejection(call(viaBrowser)),
    ];
    for (const error of [electronError, browserError]) {
      expect(error.name).toBe("ApiRequestError");
      expect(error.code).toBe(code);
      expect(error.message).toEqual(message);
    }
    expect({ code: electronError.code, message: electronError.message }).toEqual({
      code: browserError.code,
      message: browserError.message,
    });
  });

  it("still answers good requests through both", async () => {
    expect(await viaElectron.listHosts({})).toEqual([testHost()]);
    expect(await viaBrowser.listHosts({})).toEqual([testHost()]);
  });
});

describe("the bridge encoding", () => {
  it("round-trips an envelope through an Error's message, with Electron's prefix or without", () => {
    const envelope = { code: "invalid-request", message: 'bad "hostId": ✖ too short\nsecond line' } as const;
    const message = bridgeErrorMessage(envelope);
    expect(fromBridgeError(new Error(message))).toMatchObject(envelope);
    expect(fromBridgeError(new Error(`Error invoking remote method 'x': Error: ${message}`))).toMatchObject(
      envelope,
    );
  });

  it("calls anything else an internal-error with its text", () => {
    expect(fromBridgeError(new Error("No handler registered for 'fulcrum:x'"))).toMatchObject({
      code: "internal-error",
      message: "No handler registered for 'fulcrum:x'",
    });
    expect(fromBridgeError(new Error("fulcrum-api-error:{not json"))).toMatchObject({
      code: "internal-error",
    });
    expect(fromBridgeError("a string")).toMatchObject({ code: "internal-error", message: "a string" });
  });
});
