// The preload runs against a mocked "electron" module: what it exposes, and how it talks to main.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { FulcrumApi } from "../../../core/api.ts";
import { REQUEST_NAMES } from "../../../core/api.ts";
import { testSnapshot } from "./test-snapshot.ts";

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => void electron.exposed.set(key, value),
    },
    ipcRenderer: {
      invoke: vi.fn(async (_channel: string, _payload: unknown): Promise<unknown> => ({
        ok: true,
        value: null,
      })),
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)?.add(listener);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        void listeners.get(channel)?.delete(listener),
    },
  };
});
vi.mock("electron", () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

async function loadBridge(): Promise<FulcrumApi> {
  vi.resetModules();
  electron.exposed.clear();
  await import("../../../electron/preload.ts");
  return electron.exposed.get("fulcrum") as FulcrumApi;
}

function pushFromMain(message: unknown) {
  for (const listener of electron.listeners.get("fulcrum:event") ?? [])
    listener({ sender: "ipc internals" }, message);
}

describe("preload bridge", () => {
  beforeEach(() => electron.ipcRenderer.invoke.mockClear());

  it("exposes window.fulcrum with one function per request plus on(), and no generic invoke", async () => {
    const bridge = await loadBridge();
    expect([...electron.exposed.keys()]).toEqual(["fulcrum"]);
    expect(Object.keys(bridge).sort()).toEqual([...REQUEST_NAMES, "on"].sort());
    expect(bridge).not.toHaveProperty("invoke");
  });

  it("sends each request on its own channel and unwraps the envelope", async () => {
    const bridge = await loadBridge();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: true,
      value: { version: "1", carrier: "electron", demo: false },
    });
    await expect(bridge.getAppInfo({})).resolves.toEqual({ version: "1", carrier: "electron", demo: false });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith("fulcrum:getAppInfo", {});

    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: "invalid-request", message: "hostId: too short" },
    });
    // contextBridge copies only the message: the envelope travels in it (shared/api-error.ts).
    await expect(bridge.getSnapshot({ hostId: "" })).rejects.toThrow(
      'fulcrum-api-error:{"code":"invalid-request","message":"hostId: too short"}',
    );
  });

  it("delivers only the named event's payload, never the IPC event, until unsubscribed", async () => {
    const bridge = await loadBridge();
    const received: unknown[][] = [];
    const stop = bridge.on("sampleReceived", (...args) => received.push(args));
    pushFromMain({ event: "hostStateChanged", payload: { hostId: "lb1", state: { phase: "ready" } } });
    pushFromMain({ event: "sampleReceived", payload: testSnapshot() });
    stop();
    pushFromMain({ event: "sampleReceived", payload: testSnapshot({ sequence: 9 }) });
    expect(received).toEqual([[testSnapshot()]]);
  });

  it("refuses to subscribe to a name outside the contract", async () => {
    const bridge = await loadBridge();
    expect(() => bridge.on("anything" as never, () => {})).toThrow(/Unknown event/);
  });
});
