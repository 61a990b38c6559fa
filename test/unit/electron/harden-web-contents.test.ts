// Every web contents is held to its page: main-frame and subframe navigation, redirects, webviews
// and new windows are all refused (issue 10, item 11: will-navigate alone guards only the main frame).
import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import type { App } from "electron";
import { denyNavigationEverywhere } from "../../../electron/harden-web-contents.ts";

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

function hardenedContents(): FakeContents {
  const app = new EventEmitter();
  denyNavigationEverywhere(app as unknown as Pick<App, "on">);
  const contents = new FakeContents();
  app.emit("web-contents-created", {}, contents);
  return contents;
}

describe("denyNavigationEverywhere", () => {
  it.each([
    ["will-navigate", { url: "https://evil.example/", isMainFrame: true }],
    ["will-frame-navigate", { url: "https://evil.example/", isMainFrame: false }],
    ["will-frame-navigate", { url: "file:///etc/passwd", isMainFrame: true }],
    ["will-redirect", { url: "https://evil.example/" }],
    ["will-attach-webview", {}],
  ])("prevents %s %j", (name, details) => {
    const contents = hardenedContents();
    const preventDefault = vi.fn();
    contents.emit(name, { ...details, preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
  });

  it("denies every new window", () => {
    const contents = hardenedContents();
    expect(contents.openHandler?.({ url: "https://evil.example/" })).toEqual({ action: "deny" });
  });
});
