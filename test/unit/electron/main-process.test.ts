// electron/main.ts run as Electron would run it, with the `electron` module mocked (the binary is
// not available here; electron/fiddle tests its main process the same way): the app:// scheme is
// registered before ready and handled after it, the window loads app://fulcrum/index.html (never
// file://), and IPC from that page is answered while a file:// sender is refused.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

type Listener = (...args: unknown[]) => unknown;
type IpcHandler = (event: { senderFrame: { url: string } | null }, payload: unknown) => Promise<unknown>;

const electron = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const calls: string[] = [];
  const windows: Array<{ url?: string; webPreferences: Record<string, unknown> }> = [];
  const ipcHandlers = new Map<string, IpcHandler>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  class BrowserWindow {
    static getAllWindows = () => [];
    webContents = { send: () => {}, isDestroyed: () => false };
    record: { url?: string; webPreferences: Record<string, unknown> };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      this.record = { webPreferences: options.webPreferences };
      windows.push(this.record);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      calls.push(`loadURL ${url}`);
      this.record.url = url;
      return Promise.resolve();
    }
  }
  return {
    appListeners,
    markReady,
    calls,
    windows,
    ipcHandlers,
    protocolHandlers,
    module: {
      app: {
        requestSingleInstanceLock: () => true,
        whenReady: () => ready,
        getVersion: () => "0.0.0-test",
        isPackaged: true,
        quit: () => {},
        on: (name: string, listener: Listener) => {
          appListeners.set(name, [...(appListeners.get(name) ?? []), listener]);
        },
      },
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown) =>
          calls.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`),
        handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
          calls.push(`handle ${scheme}`);
          protocolHandlers.set(scheme, handler);
        },
      },
      BrowserWindow,
      ipcMain: {
        handle: (channel: string, handler: IpcHandler) => void ipcHandlers.set(channel, handler),
        removeHandler: (channel: string) => void ipcHandlers.delete(channel),
      },
      Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => {} },
      dialog: { showErrorBox: (title: string, text: string) => calls.push(`error ${title}: ${text}`) },
      session: {
        defaultSession: {
          webRequest: { onHeadersReceived: () => {} },
          setPermissionRequestHandler: () => {},
          setPermissionCheckHandler: () => {},
        },
      },
    },
  };
});
vi.mock("electron", () => electron.module);

let home: string;

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), "fulcrum-main-process-"));
  vi.stubEnv("HOME", home);
  vi.stubEnv("FULCRUM_DATA", path.join(home, "data"));
  // What Forge's Vite plugin defines when packaging: no dev server, the renderer's folder name.
  vi.stubGlobal("MAIN_WINDOW_VITE_DEV_SERVER_URL", undefined);
  vi.stubGlobal("MAIN_WINDOW_VITE_NAME", "main_window");
  await import("../../../electron/main.ts");
});

afterAll(async () => {
  for (const listener of electron.appListeners.get("before-quit") ?? []) listener();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  if (home) await rm(home, { recursive: true, force: true });
});

async function untilReady(): Promise<void> {
  electron.markReady();
  for (let i = 0; i < 200 && electron.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
}

describe("the Electron main process", () => {
  it("registers app:// as privileged before ready, then handles it and loads the page from it", async () => {
    expect(electron.calls).toEqual([
      'registerSchemesAsPrivileged [{"scheme":"app","privileges":{"standard":true,"secure":true}}]',
    ]);
    await untilReady();
    expect(electron.calls).toContain("handle app");
    expect(electron.calls.indexOf("handle app")).toBeLessThan(
      electron.calls.indexOf("loadURL app://fulcrum/index.html"),
    );
    expect(electron.windows).toHaveLength(1);
    expect(electron.windows[0]?.url).toBe("app://fulcrum/index.html");
    expect(electron.windows[0]?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(electron.calls.some((call) => call.includes("file://"))).toBe(false);
  });

  it("serves app:// from the renderer folder beside the main bundle, and nothing else", async () => {
    const handler = electron.protocolHandlers.get("app");
    expect(handler).toBeDefined();
    // The folder electron/../renderer/main_window does not exist in a checkout: the answer is a
    // 404 with the headers, not a crash, and a traversal is a 404 as well.
    for (const url of ["app://fulcrum/index.html", "app://fulcrum/%2e%2e/package.json"]) {
      const response = await handler!(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });

  it("answers IPC from app://fulcrum/index.html and refuses a file:// sender", async () => {
    const getAppInfo = electron.ipcHandlers.get("fulcrum:getAppInfo");
    expect(getAppInfo).toBeDefined();
    expect(await getAppInfo!({ senderFrame: { url: "app://fulcrum/index.html" } }, {})).toMatchObject({
      ok: true,
      value: { version: "0.0.0-test", carrier: "electron" },
    });
    for (const url of ["file:///tmp/evil.html", "app://evil/index.html", "http://localhost:5173/"]) {
      expect(await getAppInfo!({ senderFrame: { url } }, {})).toMatchObject({
        ok: false,
        error: { code: "forbidden-sender" },
      });
    }
  });

  it("holds every web contents to its page, subframes included", () => {
    const created = electron.appListeners.get("web-contents-created")?.[0];
    expect(created).toBeDefined();
    const events = new Map<string, Listener>();
    const contents = {
      on: (name: string, listener: Listener) => void events.set(name, listener),
      setWindowOpenHandler: () => {},
    };
    created!({}, contents);
    expect([...events.keys()].sort()).toEqual([
      "will-attach-webview",
      "will-frame-navigate",
      "will-navigate",
      "will-redirect",
    ]);
  });
});
