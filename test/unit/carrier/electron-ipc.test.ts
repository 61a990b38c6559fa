// electron/ipc.ts takes ipcMain as a parameter, so these run without an Electron binary: a fake
// ipcMain records the handlers, and the test calls them the way Electron would.
import { describe, expect, it, vi } from "vitest";
import { REQUEST_NAMES } from "../../../core/api.ts";
import { createApiDispatcher } from "../../../core/carrier/api-dispatcher.ts";
import { createEventHub } from "../../../core/carrier/event-hub.ts";
import { BRIDGED_EVENTS, BRIDGED_REQUESTS, EVENT_CHANNEL } from "../../../electron/channels.ts";
import { forwardEventsToRenderer, registerApiIpc } from "../../../electron/ipc.ts";
import { createRendererUrlCheck } from "../../../electron/renderer-url.ts";
import { EVENT_NAMES } from "../../../core/api.ts";
import { testHost, testSnapshot } from "./test-snapshot.ts";
import { NO_ACTION_HANDLERS, NO_HISTORY_HANDLERS, NO_HOST_SETUP_HANDLERS } from "./no-action-handlers.ts";

type Handler = (event: { senderFrame: { url: string } | null }, payload: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
}

const RENDERER = "app://fulcrum/index.html";

function setUp() {
  const ipcMain = fakeIpcMain();
  const dispatch = createApiDispatcher({
    getAppInfo: async () => ({ version: "1.0.0", carrier: "electron", demo: true }),
    listHosts: async () => [testHost()],
    getSnapshot: async () => null,
    ...NO_ACTION_HANDLERS,
    ...NO_HOST_SETUP_HANDLERS,
    ...NO_HISTORY_HANDLERS,
  });
  const unregister = registerApiIpc({
    ipcMain: ipcMain as never,
    dispatch,
    isOwnRenderer: createRendererUrlCheck(RENDERER),
  });
  return { ipcMain, unregister };
}

describe("registerApiIpc", () => {
  it("registers exactly one fulcrum:<name> handler per request in the contract", () => {
    const { ipcMain } = setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      REQUEST_NAMES.map((name) => `fulcrum:${name}`).sort(),
    );
  });

  it("answers our own renderer with the dispatcher's envelope, validating the payload", async () => {
    const { ipcMain } = setUp();
    const own = { senderFrame: { url: `${RENDERER}#hosts` } };
    expect(await ipcMain.handlers.get("fulcrum:listHosts")?.(own, {})).toEqual({
      ok: true,
      value: [testHost()],
    });
    expect(await ipcMain.handlers.get("fulcrum:getSnapshot")?.(own, { hostId: "" })).toMatchObject({
      ok: false,
      error: { code: "invalid-request" },
    });
  });

  it.each([
    ["a page that navigated elsewhere", { senderFrame: { url: "https://evil.example/" } }],
    ["another local file", { senderFrame: { url: "file:///tmp/evil.html" } }],
    ["a frame that has gone", { senderFrame: null }],
  ])("refuses %s", async (_case, event) => {
    const { ipcMain } = setUp();
    expect(await ipcMain.handlers.get("fulcrum:listHosts")?.(event, {})).toMatchObject({
      ok: false,
      error: { code: "forbidden-sender" },
    });
  });

  it("removes its handlers again", () => {
    const { ipcMain, unregister } = setUp();
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe("forwardEventsToRenderer", () => {
  it("sends core events on the event channel until the window is destroyed or unsubscribed", () => {
    const hub = createEventHub();
    let destroyed = false;
    const send = vi.fn();
    const stop = forwardEventsToRenderer(hub, { send, isDestroyed: () => destroyed });

    hub.emit("sampleReceived", testSnapshot());
    destroyed = true;
    hub.emit("sampleReceived", testSnapshot({ sequence: 8 }));
    destroyed = false;
    stop();
    hub.emit("sampleReceived", testSnapshot({ sequence: 9 }));

    expect(send.mock.calls).toEqual([[EVENT_CHANNEL, { event: "sampleReceived", payload: testSnapshot() }]]);
  });
});

describe("bridge name lists", () => {
  // The compiler already refuses a missing name; this catches a contract name added at runtime only.
  it("cover every request and event in the contract", () => {
    expect(Object.keys(BRIDGED_REQUESTS).sort()).toEqual([...REQUEST_NAMES].sort());
    expect(Object.keys(BRIDGED_EVENTS).sort()).toEqual([...EVENT_NAMES].sort());
  });
});
